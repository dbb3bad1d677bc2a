using Ledger.Access;
using Marten;
using Wolverine.Http;

namespace Ledger.Travellers;

public sealed record TravellerView(Guid Id, IReadOnlyList<string> Nationalities, TravellerIdentity? Identity, long Version);

public static class GetTravellerEndpoint
{
    [WolverineGet("/travellers/{id}")]
    public static async Task<TravellerView> Get(Guid id, IQuerySession session, IdentityVault vault, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        // Identities stored before they were encrypted are plain documents; erasure deletes those outright.
        var identity = await vault.OpenAsync(await session.LoadAsync<SealedIdentity>(id, ct), ct) ?? await session.LoadAsync<TravellerIdentity>(id, ct);
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        return new TravellerView(id, traveller.Nationalities, identity, state?.Version ?? 0);
    }
}
