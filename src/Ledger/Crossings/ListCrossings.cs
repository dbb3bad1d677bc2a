using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Crossings;

public sealed record CrossingsView(Guid TravellerId, IReadOnlyList<Crossing> Crossings, IReadOnlyList<Ledger.Projections.StayRules.Stay> Stays);

public static class ListCrossingsEndpoint
{
    /// <summary>The crossings as they now stand (after corrections), in the order they happened, and the stays they make.</summary>
    [WolverineGet("/travellers/{id}/crossings")]
    public static async Task<CrossingsView> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        return new CrossingsView(id, traveller.Crossings.Current.Order(Crossing.ByWhenItHappened).ToList(), traveller.Crossings.Stays(RuleSet.Default));
    }
}
