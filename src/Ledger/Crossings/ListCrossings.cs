using Ledger.Access;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Crossings;

public sealed record CrossingsView(Guid TravellerId, IReadOnlyList<Crossing> Crossings, IReadOnlyList<Ledger.Projections.StayRules.Stay> Stays, IReadOnlyList<Anomaly> Anomalies);

public static class ListCrossingsEndpoint
{
    /// <summary>The crossings as they now stand (after corrections), in the order they happened, the stays they make (days
    /// certainly present) and the anomalies they show (with their status after evidence and decisions).</summary>
    [WolverineGet("/travellers/{id}/crossings")]
    public static async Task<CrossingsView> Get(Guid id, IQuerySession session, RuleSet rules, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var pairing = traveller.Crossings.Pair(rules);
        return new CrossingsView(id, traveller.Crossings.Current.Order(Crossing.ByWhenItHappened).ToList(), pairing.Stays,
            traveller.Records(rules).Anomalies);
    }
}
