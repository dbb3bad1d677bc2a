using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Pages;

/// <summary>What the API answered to a relayed form: its status and, for a refusal, the problem's detail and field errors.</summary>
public sealed record RelayAnswer(int Status, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// Sends a page's form to the API's own route, over loopback HTTP, with the same token the page was opened with.
/// So a form goes through exactly what an API client goes through (request screen, typed model, the endpoint's
/// Validate step, rights, the aggregate handler, idempotency) and gets the same messages; the page only shows them.
/// </summary>
public sealed class ApiRelay(IHttpClientFactory clients, IServer server)
{
    public const string ClientName = "ledger-pages-relay";

    public async Task<RelayAnswer> PostAsync(HttpContext http, string path, object body, CancellationToken ct) =>
        (await PostForAsync<JsonElement>(http, path, body, ct)).Answer;

    /// <summary>The same, for a route whose success is an answer to show (a check that records nothing): its body, read as <typeparamref name="T"/>.</summary>
    public async Task<(RelayAnswer Answer, T? Body)> PostForAsync<T>(HttpContext http, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Self(), path));
        request.Content = JsonContent.Create(body);
        if (PageSignIn.TokenOf(http.Request) is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", http.TraceIdentifier);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return (new RelayAnswer(status, null, new Dictionary<string, string[]>()),
                string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, Ledger.Hosting.LedgerJson.Options));
        }
        string? detail = null;
        var errors = new Dictionary<string, string[]>();
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (problem.RootElement.TryGetProperty("detail", out var d)) detail = d.GetString();
            if (problem.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = field.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
        }
        catch (JsonException)
        {
            detail = $"the service answered {status}";
        }
        return (new RelayAnswer(status, detail, errors), default);
    }

    /// <summary>This service's own address on loopback (a wildcard host is asked on 127.0.0.1).</summary>
    private Uri Self()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server has no address to relay forms to");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
        return uri.Uri;
    }
}
