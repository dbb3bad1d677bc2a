using Ledger.Access;
using Marten;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.History;

public sealed record EventView(
    long Sequence, long Version, string Type, DateTimeOffset RecordedAt, string? RecordedBy, string? CorrelationId,
    string? CausationId, object Data);

public static class TravellerEventsEndpoint
{
    /// <summary>The raw, append-only history with its metadata: nothing in it is ever changed or removed.</summary>
    [WolverineGet("/travellers/{id}/events")]
    public static async Task<IReadOnlyList<EventView>> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayReadEvents(id);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) throw LedgerProblem.NotFound($"traveller {id} is not registered");
        return events.Select(e => new EventView(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.UserName,
            e.CorrelationId, e.CausationId, e.Data)).ToList();
    }
}
