using Ledger.Hosting;
using Ledger.Projections.Stays;
using Marten;

namespace Ledger.Stays;

public static class StayHistories
{
    /// <summary>
    /// The live inline projection, or, with <paramref name="asKnownAt"/>, the same projection rebuilt from the events
    /// recorded by that instant (Marten time travel on the recorded timestamps, not on business dates).
    /// </summary>
    public static async Task<StayHistory> LoadAsync(IQuerySession session, Guid id, DateTimeOffset? asKnownAt, CancellationToken ct)
    {
        var history = asKnownAt is { } t
            ? await session.Events.AggregateStreamAsync<StayHistory>(id, timestamp: t, token: ct)
            : await session.LoadAsync<StayHistory>(id, ct);
        return history ?? throw LedgerProblem.NotFound(asKnownAt is null
            ? $"traveller {id} is not registered"
            : $"traveller {id} was not registered as known at {asKnownAt:O}");
    }
}
