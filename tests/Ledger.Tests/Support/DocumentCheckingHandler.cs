namespace Ledger.Tests.Support;

/// <summary>
/// Sits in every client <see cref="LedgerApp"/> hands out: each answer of an API route is checked against the service's
/// own OpenAPI document (<see cref="ApiDocument"/>) before the test sees it. An answer outside the document fails the
/// request at once (<see cref="ApiDocumentViolation"/>, thrown where the test sent it) and is also kept in
/// <see cref="LedgerApp.Violations"/>, which the fixture asserts empty when it is disposed, so a test that swallows
/// exceptions cannot hide one. Pages, health, metrics and the document itself are not API operations and pass unchecked.
/// </summary>
public sealed class DocumentCheckingHandler(LedgerApp app) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!app.CheckAnswers || (response.RequestMessage?.RequestUri ?? request.RequestUri) is not { } uri || IsOutOfScope(uri.AbsolutePath)) return response;
        var document = await app.DocumentAsync(cancellationToken);
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken); // buffered: the test reads it again
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var problems = document.Check(request.Method.Method, uri.AbsolutePath, (int)response.StatusCode, response.Content?.Headers.ContentType?.MediaType, body, headers);
        if (problems is { Count: > 0 })
        {
            var message = string.Join("\n", problems);
            app.RecordViolation(message);
            throw new ApiDocumentViolation(message);
        }
        return response;
    }

    private static bool IsOutOfScope(string path) =>
        path.StartsWith("/app", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal)
        || path.StartsWith("/metrics", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal)
        || path.StartsWith("/docs", StringComparison.Ordinal) || path.StartsWith("/signin", StringComparison.Ordinal)
        || path.StartsWith("/signout", StringComparison.Ordinal);
}

/// <summary>An answer the service's OpenAPI document does not describe.</summary>
public sealed class ApiDocumentViolation(string message) : Exception("Answer outside the API document: " + message);
