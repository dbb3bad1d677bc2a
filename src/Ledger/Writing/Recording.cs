using Ledger.Access;
using Ledger.Problems;
using Marten;

namespace Ledger.Writing;

/// <summary>
/// Who or what recorded a write (the authenticated subject, or "ledger" for the ledger's own writes), the correlation
/// id that ties it to the request that caused it, and the caller's rights for checks that need the stored record
/// (voiding a crossing of another country, extending another state's visa).
/// </summary>
public sealed record Recording(string RecordedBy, string CorrelationId, long? ExpectedVersion = null, Caller? Caller = null)
{
    /// <summary>For writes the ledger makes itself (scheduled checks).</summary>
    public static Recording System(string correlationId) => new("ledger", correlationId);

    public const string CorrelationIdHeader = "X-Correlation-Id";

    /// <summary>
    /// From the request: the authenticated subject (a client-written <c>X-Recorded-By</c> is ignored), <c>X-Correlation-Id</c>
    /// (else the request's trace id), <c>If-Match: "version"</c> (optional optimistic concurrency on the traveller's stream).
    /// </summary>
    public static Recording From(HttpContext http)
    {
        var caller = Caller.Of(http);
        var correlation = CorrelationIdOf(http);
        long? expected = null;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
            expected = long.TryParse(ifMatch.Trim().Trim('"'), out var v) && v >= 0
                ? v
                : throw LedgerProblem.BadRequest($"If-Match '{ifMatch}' is not a stream version such as \"3\"");
        return new Recording(caller.Subject, correlation, expected, caller);
    }

    /// <summary>The request's correlation id (<c>X-Correlation-Id</c>, else its trace id), echoed on the response.</summary>
    public static string CorrelationIdOf(HttpContext http)
    {
        var correlation = http.Request.Headers[CorrelationIdHeader].ToString();
        if (correlation.Length > 200) throw LedgerProblem.BadRequest($"{CorrelationIdHeader} is limited to 200 characters");
        if (correlation.Length == 0) correlation = global::System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        http.Response.Headers[CorrelationIdHeader] = correlation;
        return correlation;
    }

    /// <summary>Stamps the session, so every event it appends carries who recorded it and the correlation id.</summary>
    public void StampOn(IDocumentSession session)
    {
        session.LastModifiedBy = RecordedBy;
        session.CorrelationId = CorrelationId;
    }

    /// <summary>The caller, for handler-side checks; the ledger's own writes (scheduled checks) have none and need none.</summary>
    public Caller RequireCaller() => Caller ?? throw new InvalidOperationException("a client write without a caller");
}
