using Ledger.Access;
using Ledger.Projections.Travellers;
using Marten;
using JasperFx.Events;

namespace Ledger.Hosting;

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

    /// <summary>The caller, for handler-side checks; the ledger's own writes (scheduled checks) have none and need none.</summary>
    public Caller RequireCaller() => Caller ?? throw new InvalidOperationException("a client write without a caller");
}

/// <summary>A message on one traveller's stream (the scheduled warning check). Its handler runs in the aggregate handler workflow.</summary>
public interface ITravellerCommand
{
    Guid TravellerId { get; }
    Recording Recording { get; }
}

/// <summary>Wolverine middleware for every <see cref="ITravellerCommand"/>: stamps the session so every event carries who and why.</summary>
public static class RecordingMiddleware
{
    public static void Before(ITravellerCommand command, IDocumentSession session)
    {
        session.LastModifiedBy = command.Recording.RecordedBy;
        session.CorrelationId = command.Recording.CorrelationId;
    }
}

/// <summary>
/// Wolverine HTTP middleware on every write endpoint: stamps the session so every event carries who recorded it and the
/// request's correlation id (what <see cref="RecordingMiddleware"/> does for messages).
/// </summary>
public static class StampRecording
{
    public static void Before(HttpContext http, IDocumentSession session)
    {
        var caller = Caller.Of(http);
        session.LastModifiedBy = caller.Subject;
        session.CorrelationId = Recording.CorrelationIdOf(http);
    }
}

public static class TravellerStreams
{
    /// <summary>The traveller, or a 404; and a 409 when the client's If-Match version is not the stream's version.</summary>
    public static Traveller Require(IEventStream<Traveller> stream, Recording recording)
    {
        if (stream.Aggregate is not { } traveller)
            throw LedgerProblem.NotFound($"traveller {stream.Id} is not registered");
        if (recording.ExpectedVersion is { } expected && expected != stream.StartingVersion)
            throw LedgerProblem.Conflict(
                $"the traveller's stream is at version {stream.StartingVersion}, not {expected} as the request expected; read it again",
                new Dictionary<string, object?> { ["currentVersion"] = stream.StartingVersion });
        return traveller;
    }
}
