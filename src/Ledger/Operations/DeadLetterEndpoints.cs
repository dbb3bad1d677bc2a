using JasperFx.Core;
using Ledger.Access;
using Ledger.AdminAudit;
using Marten;
using Wolverine.Http;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Operations;

/// <summary>
/// One dead letter as an admin sees it: what kind of message, where it was received, what failed and when. Never the
/// message body (it may name a traveller, and warnings carry their facts); the id is enough to replay it.
/// </summary>
public sealed record DeadLetterView(
    Guid Id, string MessageType, string? ReceivedAt, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt,
    DateTimeOffset? FailedAt, bool Replayable, int ReplayCount);

public sealed record DeadLetterPage(int Page, int PageSize, int Total, IReadOnlyList<DeadLetterView> DeadLetters);

public sealed record ReplayedDeadLetters(string MessageType, int Replayed);

/// <summary>
/// Messages that failed for good (a permanent error, or a transient one that outlasted every retry of
/// <see cref="MessageFailurePolicies"/>) stay in Wolverine's dead-letter table in PostgreSQL. Admins list them and
/// replay them once the cause is fixed: a replayed message is moved back into the durable inbox by Wolverine's
/// durability agent (within seconds) and handled again like a new one.
/// </summary>
public static class DeadLetterEndpoints
{
    public const int MaxPageSize = 200;
    private const int MaxExceptionMessage = 500;

    /// <summary>Newest first (Wolverine's order), optionally of one message type.</summary>
    [WolverineGet("/admin/dead-letters")]
    public static async Task<DeadLetterPage> List(string? page, string? pageSize, string? messageType, IWolverineRuntime runtime, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayOperate();
        var number = WholeNumber(page, "page", 1, 1, 1_000_000);
        var size = WholeNumber(pageSize, "pageSize", 50, 1, MaxPageSize);
        var query = new DeadLetterEnvelopeQuery(TimeRange.AllTime())
        {
            PageNumber = number, PageSize = size,
            MessageType = Parse.Optional(messageType, "messageType", 500),
        };
        var results = await runtime.Storage.DeadLetters.QueryAsync(query, ct);
        return new DeadLetterPage(number, size, results.TotalCount, results.Envelopes.Select(View).ToList());
    }

    /// <summary>Replays one dead letter (202: the durability agent picks it up within seconds).</summary>
    [WolverinePost("/admin/dead-letters/{id}/replay")]
    public static async Task<IResult> Replay(Guid id, IWolverineRuntime runtime, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayOperate();
        var deadLetters = runtime.Storage.DeadLetters;
        if (await deadLetters.DeadLetterEnvelopeByIdAsync(id, null) is null)
            throw LedgerProblem.NotFound($"dead letter {id} does not exist");
        await deadLetters.MarkDeadLetterEnvelopesAsReplayableAsync([id]);
        // Committed by the endpoint's transaction right after the replay is marked (Wolverine's tables, another connection).
        AuditTrail.Record(session, caller, AdminActs.DeadLetterReplayed, id.ToString());
        return Results.Accepted($"/admin/dead-letters");
    }

    /// <summary>Replays every dead letter of one message type (<c>?messageType=</c>, as listed), e.g. after an outage outlasted the retries.</summary>
    [WolverinePost("/admin/dead-letters/replay")]
    public static async Task<IResult> ReplayAll(string? messageType, IWolverineRuntime runtime, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayOperate();
        var type = Parse.Required(messageType, "messageType", 500);
        var query = new DeadLetterEnvelopeQuery(TimeRange.AllTime()) { MessageType = type };
        var result = await runtime.Storage.DeadLetters.ReplayMatchingAsync(query, ct);
        AuditTrail.Record(session, caller, AdminActs.DeadLettersReplayed, $"{type} ({result.Affected ?? 0})");
        return Results.Accepted("/admin/dead-letters", new ReplayedDeadLetters(type, result.Affected ?? 0));
    }

    private static DeadLetterView View(DeadLetterEnvelope d) => new(
        d.Id, d.MessageType, d.ReceivedAt, d.ExceptionType,
        d.ExceptionMessage is { Length: > MaxExceptionMessage } text ? text[..MaxExceptionMessage] + "…" : d.ExceptionMessage ?? "",
        d.SentAt, d.FailedAt, d.Replayable, d.ReplayCount);

    private static int WholeNumber(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        return int.TryParse(text, out var n) && n >= min && n <= max
            ? n
            : throw LedgerProblem.BadRequest($"{field} must be a whole number between {min} and {max}");
    }
}
