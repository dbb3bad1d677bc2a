using Ledger.Hosting;
using Ledger.Projections.Stays;
using Marten;
using Wolverine.Http;

namespace Ledger.Travellers;

public sealed record TravellerView(Guid Id, IReadOnlyList<string> Nationalities, TravellerIdentity? Identity, long Version);

public static class GetTravellerEndpoint
{
    [WolverineGet("/travellers/{id}")]
    public static async Task<TravellerView> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var history = await session.LoadAsync<StayHistory>(id, ct) ?? throw LedgerProblem.NotFound($"traveller {id} is not registered");
        var identity = await session.LoadAsync<TravellerIdentity>(id, ct);
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        return new TravellerView(id, history.Nationalities, identity, state?.Version ?? 0);
    }
}
