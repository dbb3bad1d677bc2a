using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Ledger.Problems;
using Ledger.Writing;

namespace Ledger.Screening;

/// <summary>
/// Refuses, before model binding and before any endpoint runs, requests no endpoint should ever see:
/// <list type="bullet">
/// <item>a JSON body that is not an object (<c>null</c>, an array, a string or a number): 400;</item>
/// <item>a JSON body with control characters other than tab, line feed and carriage return (NUL and the rest, which
/// PostgreSQL cannot store or which hide text): 400, naming no value;</item>
/// <item>the all-zero id as a traveller id of a write (no traveller can have it; Marten cannot fetch it): asked as an id no
/// registration makes, so the endpoint answers it like any unknown traveller, after its rights check;</item>
/// <item>a body that does not fit the route's typed request model (<see cref="RequestShape"/>): 400 with every
/// problem by field, so binding afterwards cannot fail.</item>
/// </list>
/// Fields that must be single-line (ids, codes, names) refuse line breaks too, in <see cref="Parse"/>.
/// </summary>
public sealed class ScreenRequests(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        // The all-zero id names no traveller, but a write cannot fetch a stream by it (Marten refuses it): a write asks for
        // an id no registration makes (version nibble F) instead, so the endpoint's rights check still answers first (403
        // for a principal whose role may not use the route, whatever the id) and then its 404. Reads take it as it is.
        if (!HttpMethods.IsGet(http.Request.Method) && http.Request.RouteValues.TryGetValue("id", out var id) && id is string text && Guid.TryParse(text, out var guid) && guid == Guid.Empty
            && (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/travellers/{id}", StringComparison.Ordinal) == true)
            http.Request.RouteValues["id"] = Guid.AllBitsSet.ToString();
        // A route with a typed request model is screened whatever the content type says (binding also reads text/json
        // and */*); other routes when the body is JSON or untyped.
        var model = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } declared && declared != typeof(object) ? declared : null;
        if ((HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
            && (model is not null || http.Request.HasJsonContentType() || string.IsNullOrEmpty(http.Request.ContentType)))
        {
            http.Request.EnableBuffering();
            var (problem, json) = await JsonBodyProblemAsync(http.Request.Body, http.RequestAborted);
            http.Request.Body.Position = 0;
            if (problem is not null)
            {
                await RefuseAsync(http, problems, StatusCodes.Status400BadRequest, "Invalid request", problem);
                return;
            }
            if (model is not null)
            {
                var shape = ShapeProblem(json, model);
                if (shape is not null)
                {
                    http.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = shape });
                    return;
                }
            }
        }
        // A write echoes its correlation id (X-Correlation-Id, else the trace id) on every answer, refusals included.
        if ((HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsDelete(http.Request.Method))
            && http.GetEndpoint()?.Metadata.GetMetadata<Wolverine.Http.HttpChain>() is not null)
            Recording.CorrelationIdOf(http);
        await next(http);
    }

    /// <summary>
    /// Scans the raw JSON once: the first non-blank character must open an object, and no string may carry a control
    /// character (raw ones are invalid JSON and refused by the parser; escaped ones are refused here).
    /// </summary>
    private static async Task<(string? Problem, string Json)> JsonBodyProblemAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var json = await reader.ReadToEndAsync(ct);
        return (RawJsonProblem(json), json);
    }

    /// <summary>The typed model's checks on a parsed body; unreadable JSON (malformed, cut short) is refused here, saying where.</summary>
    private static ProblemDetails? ShapeProblem(string json, Type model)
    {
        if (string.IsNullOrWhiteSpace(json)) return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = "the request body must be a JSON object" };
        try
        {
            using var document = JsonDocument.Parse(json);
            var errors = RequestShape.Check(document.RootElement, model);
            return errors.Any ? errors.ToValidationProblem() : null;
        }
        catch (JsonException e)
        {
            return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = ProblemExceptionHandler.UnreadableJson(e) };
        }
    }

    private static string? RawJsonProblem(string json)
    {
        var first = json.AsSpan().TrimStart(" \t\r\n\uFEFF");
        if (first.Length > 0 && first[0] != '{') return "the request body must be a JSON object";
        return EscapedTextProblem(json);
    }

    /// <summary>
    /// An escaped control character or unpaired surrogate in a JSON text, or null. Checked before any string of it is
    /// read: the JSON reader throws on a lone surrogate (not a JsonException), which would be a 500. Import lines are
    /// screened with it too.
    /// </summary>
    public static string? EscapedTextProblem(string json)
    {
        for (var i = json.IndexOf('\\'); i >= 0 && i < json.Length - 1; i = json.IndexOf('\\', i + 2))
        {
            var escape = json[i + 1];
            if (escape is 'b' or 'f') return "text fields must not contain control characters";
            if (escape != 'u' || EscapedCode(json, i) is not { } code) continue;
            if (IsRefusedControl(code)) return "text fields must not contain control characters (NUL and the like)";
            // An escaped surrogate must be a high half followed by an escaped low half: a lone one is not text, and the
            // JSON reader throws (not a JsonException) when asked for the string, which would be a 500.
            if (code is >= 0xD800 and <= 0xDBFF && EscapedCode(json, i + 6) is >= 0xDC00 and <= 0xDFFF) { i += 6; continue; }
            if (code is >= 0xD800 and <= 0xDFFF) return "text fields must not contain unpaired surrogates (\\uD800-\\uDFFF): not valid Unicode text";
        }
        return null;
    }

    private static int? EscapedCode(string json, int backslash) =>
        backslash + 5 < json.Length && json[backslash] == '\\' && json[backslash + 1] == 'u'
        && int.TryParse(json.AsSpan(backslash + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code) ? code : null;

    private static bool IsRefusedControl(int code) => (code < 0x20 && code is not ('\t' or '\n' or '\r')) || (code >= 0x7F && code <= 0x9F);

    private static async Task RefuseAsync(HttpContext http, IProblemDetailsService problems, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
