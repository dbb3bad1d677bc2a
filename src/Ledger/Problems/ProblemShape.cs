using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Ledger.Screening;

namespace Ledger.Problems;

/// <summary>
/// One shape for every refusal (RFC 9457 problem details): <c>type</c>, <c>title</c>, <c>status</c> and <c>detail</c>
/// always, <c>errors</c> by field where there are any. Applied to every problem the service writes, including those no
/// endpoint wrote: a route that does not take the method (405, naming the methods it takes), a path whose id is not a
/// record id (404), and refusals the framework answers with an empty body.
/// </summary>
public static class ProblemShape
{
    /// <summary>The route parameters that carry record ids (UUIDs); other path parameters are client-chosen ids.</summary>
    private static readonly string[] IdParameters = ["id", "deliveryId"];

    public static void Configure(ProblemDetailsOptions options) => options.CustomizeProblemDetails = Complete;

    private static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= TitleOf(status);
        problem.Type ??= TypeOf(status);
        problem.Detail ??= DetailOf(status, http);
        // The framework adds a traceId to every problem; it stays (it ties a report to the service's traces).
    }

    private static string DetailOf(int status, HttpContext http) => status switch
    {
        StatusCodes.Status404NotFound => NotARecordId(http) ?? "there is no such record or route",
        StatusCodes.Status405MethodNotAllowed => http.Response.Headers.Allow.ToString() is { Length: > 0 } allow
            ? $"{http.Request.Method} is not accepted here; this route accepts {allow}"
            : $"{http.Request.Method} is not accepted here",
        StatusCodes.Status413PayloadTooLarge => BodyLimit(http),
        StatusCodes.Status401Unauthorized => "a valid bearer token is required",
        StatusCodes.Status403Forbidden => "the token carries no right to this act",
        StatusCodes.Status415UnsupportedMediaType => "the request body must be JSON (Content-Type: application/json)",
        _ => TitleOf(status).ToLowerInvariant(),
    };

    /// <summary>"id 'abc' is not a record id …" when a path's id parameter is not a UUID (no record can have it).</summary>
    private static string? NotARecordId(HttpContext http)
    {
        foreach (var name in IdParameters)
            if (http.Request.RouteValues.TryGetValue(name, out var value) && value is string text && !Guid.TryParse(text, out _))
                return $"{name} '{Parse.Shown(text)}' in the path is not a record id: ids are UUIDs such as 0192e4a0-7b1c-7d3e-8f00-0a1b2c3d4e5f";
        return null;
    }

    /// <summary>413 names the limit that applied, in bytes.</summary>
    public static string BodyLimit(HttpContext http) =>
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"the request body is larger than this route accepts: at most {limit} bytes"
            : "the request body is larger than this route accepts";

    private static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Request body too large",
        415 => "Unsupported media type",
        422 => "Unprocessable request",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => status >= 500 ? "Internal error" : "Request refused",
    };

    /// <summary>The RFC 9110 section that defines the status (RFC 6585 for 429), as the problem's type.</summary>
    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
