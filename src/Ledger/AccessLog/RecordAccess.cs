using Ledger.Access;
using Microsoft.AspNetCore.Mvc;
using Ledger.Writing;

namespace Ledger.AccessLog;

/// <summary>
/// Puts every successful read of a traveller's record (a GET under <c>/travellers/{id}</c>) on record. The answer is
/// computed into a buffer; the log entry is inserted (one INSERT, committed; see <see cref="AccessLogTable"/>) and only then is the answer sent. So a
/// client never holds an answer whose reading is not in the log, even if the service is killed right after answering.
/// Refused and failed reads (4xx, 5xx) show nothing of the record and are not logged; nor are reads of the access log.
/// The alert feed (<c>GET /alerts</c>) names travellers rather than reading one record: each traveller it was asked
/// about (<c>?traveller=</c>) or whose alerts it answered with is logged the same way (<see cref="AlsoRead"/>).
/// </summary>
public sealed class RecordAccess(RequestDelegate next)
{
    public const string PurposeHeader = "X-Purpose";
    public const int MaxPurposeLength = 200;

    /// <summary>Set by the shared-records endpoint: the state the view was answered for ("the US looked at my shared records").</summary>
    public const string RequesterItem = "ledger.access.requester";

    /// <summary>Other travellers whose identity an answer shows (those named in an incident): logged as read too.</summary>
    public const string AlsoReadItem = "ledger.access.also-read";

    public static void AlsoRead(HttpContext http, IEnumerable<Guid> travellers) =>
        http.Items[AlsoReadItem] = (http.Items[AlsoReadItem] as IReadOnlyList<Guid> ?? []).Concat(travellers).Distinct().ToList();

    public async Task InvokeAsync(HttpContext http, AccessLogTable log, TimeProvider clock, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated != true || TravellerRoute(http) is not { } read)
        {
            await next(http);
            return;
        }
        var purpose = http.Request.Headers[PurposeHeader].ToString();
        if (purpose.Length > MaxPurposeLength || purpose.Any(char.IsControl))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 400, Title = "Invalid request",
                    Detail = $"{PurposeHeader} must be at most {MaxPurposeLength} characters, without control characters",
                },
            });
            return;
        }
        var correlation = Recording.CorrelationIdOf(http);

        var answer = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = answer;
        }

        if (http.Response.StatusCode is >= 200 and < 300)
        {
            var caller = Caller.Of(http);
            var travellers = (http.Items[AlsoReadItem] as IReadOnlyList<Guid> ?? []).ToList();
            if (read.Traveller is { } one) travellers.Insert(0, one);
            // One round trip whatever the number of travellers (an alert page names up to 500).
            await log.AppendAsync(travellers.Distinct().Select(traveller => new AccessLogEntry(Guid.CreateVersion7(), traveller, clock.GetUtcNow(), read.Route, caller.Subject,
                caller.Roles.Select(r => r.ToString().ToLowerInvariant()).Order().ToList(), caller.Countries.Order().ToList(), correlation,
                purpose.Length == 0 ? null : purpose, http.Items[RequesterItem] as string)).ToList(), http.RequestAborted);
        }
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(answer, http.RequestAborted);
    }

    /// <summary>The alert feed: which travellers it read is known only once it has answered (<see cref="AlsoRead"/>).</summary>
    public const string AlertsRoute = "/alerts";

    /// <summary>The traveller and route pattern when this request reads a traveller's record (no traveller yet for the alert feed).</summary>
    private static (Guid? Traveller, string Route)? TravellerRoute(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (pattern == AlertsRoute) return (null, pattern);
        if (pattern is null || !(pattern.StartsWith("/travellers/{id}", StringComparison.Ordinal) || Ledger.Pages.PageSetup.ReadsRecord(pattern))) return null;
        // Reading the access log shows who looked, not the person's record; logging it would bury the log in itself.
        if (pattern.EndsWith("/access-log", StringComparison.Ordinal)) return null;
        return Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id) ? (id, pattern) : null;
    }
}
