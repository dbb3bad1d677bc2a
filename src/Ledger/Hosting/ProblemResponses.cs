using Wolverine.Http;

namespace Ledger.Hosting;

/// <summary>Declares in OpenAPI the RFC 7807 problems each endpoint can answer with (see ProblemExceptionHandler).</summary>
public static class ProblemResponses
{
    public static void Declare(HttpChain chain)
    {
        var route = chain.RoutePattern?.RawText ?? "";
        var isWrite = chain.HttpMethods.Contains("POST") || chain.HttpMethods.Contains("DELETE");
        chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest);
        // Every route requires a bearer token: none or an invalid one is 401, one without the right is 403.
        chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
        chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
        if (route.Contains("{id}") || route.Contains("{deliveryId}")) chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
        if (isWrite && (route.StartsWith("/travellers/") || route == "/imports")) chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
    }
}
