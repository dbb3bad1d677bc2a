using Ledger.Projections.Travellers;
using Marten;
using Ledger.Problems;

namespace Ledger.Travellers;

public static class TravellerReads
{
    /// <summary>
    /// The live inline projection, or, with <paramref name="asKnownAt"/>, the same projection rebuilt from the events
    /// recorded by that instant (Marten time travel on the recorded timestamps, not on business dates).
    /// </summary>
    public static async Task<Traveller> LoadAsync(IQuerySession session, Guid id, DateTimeOffset? asKnownAt, CancellationToken ct)
    {
        var history = asKnownAt is { } t
            ? await session.Events.AggregateStreamAsync<Traveller>(id, timestamp: t, token: ct)
            : await session.LoadAsync<Traveller>(id, ct);
        return history ?? throw LedgerProblem.NotFound(asKnownAt is null
            ? $"traveller {id} is not registered"
            : $"traveller {id} was not registered as known at {asKnownAt:O}");
    }
}
