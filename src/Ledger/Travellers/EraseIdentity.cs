using Ledger.Access;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.Travellers;

public static class EraseIdentityEndpoint
{
    /// <summary>
    /// Erases who the traveller is (names, date of birth, document numbers): the traveller's identity key is shredded
    /// first (so every copy of the ciphertext, in old pages, the WAL and backups, is unreadable from then on), then the
    /// document is deleted. The compliance history stays intact, because events only ever carry the opaque id.
    /// </summary>
    [WolverineDelete("/travellers/{id}/identity")]
    public static async Task<IResult> Delete(Guid id, IDocumentSession session, IdentityVault vault, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayErase();
        if (await session.LoadAsync<Traveller>(id, ct) is null) throw LedgerProblem.NotFound($"traveller {id} is not registered");
        await vault.ShredAsync(id, ct);
        session.Delete<SealedIdentity>(id);
        session.Delete<TravellerIdentity>(id);
        session.DeleteWhere<TravellerSearchKey>(k => k.TravellerId == id); // nothing finds an erased identity
        return Results.NoContent();
    }
}
