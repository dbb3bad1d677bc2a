using Wolverine.Http;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.ApiDocument;

/// <summary>
/// Declares in OpenAPI the RFC 9457 problems each endpoint can answer with (see ProblemExceptionHandler and ProblemShape).
/// The API tests check every answer they receive against these declarations.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Writes whose decision can contradict recorded facts (an unrecorded application, an unknown involved traveller, an outcome before its incident): 422.</summary>
    private static readonly HashSet<string> Unprocessable =
    [
        "/travellers/{id}/visas/refusals", "/travellers/{id}/visas", "/travellers/{id}/visa-applications/{applicationId}/withdrawal",
        "/travellers/{id}/incidents", "/travellers/{id}/incidents/{incidentId}/outcomes", "/groups",
    ];

    public static void Declare(HttpChain chain)
    {
        var route = chain.RoutePattern?.RawText ?? "";
        var isWrite = chain.HttpMethods.Contains("POST") || chain.HttpMethods.Contains("DELETE");
        chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest);
        // Every route requires a bearer token: none or an invalid one is 401, one without the right is 403.
        chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
        chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
        if (route.Contains("{id}") || route.Contains("{deliveryId}")) chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
        // A traveller whose file retention erased, and a resent crossing retention erased (Ledger.Retention.RetentionGate).
        if (route.StartsWith("/travellers/{id}") && route != "/travellers/{id}/erasures") chain.Metadata.ProducesProblem(StatusCodes.Status410Gone);
        // Writes on a traveller's stream (If-Match, idempotency keys, concurrency), a registration's Idempotency-Key, imports.
        if (isWrite && route != "/travellers/search" && (route.StartsWith("/travellers") || route == "/imports")) chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
        if (chain.HttpMethods.Contains("POST") && Unprocessable.Contains(route)) chain.Metadata.ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        // Bodies have a size limit per route (AbuseLimits), stated in bytes in the problem's detail.
        if (chain.HttpMethods.Contains("POST")) chain.Metadata.ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        // A typed JSON body sent under another content type is refused by routing.
        if (chain.RequestType is not null) chain.Metadata.ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        // Every route: a principal's request limit (AbuseLimits), and the database out of reach (retry after Retry-After).
        chain.Metadata.ProducesProblem(StatusCodes.Status429TooManyRequests);
        chain.Metadata.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
