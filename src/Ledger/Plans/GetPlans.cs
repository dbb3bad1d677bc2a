using Ledger.Access;
using Ledger.Projections.Itineraries;
using Ledger.Projections.Plans;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Plans;

/// <summary>
/// One stored plan as it stands: <c>check</c> is its itinerary-check answer on the record as it now stands (each plan on
/// its own; other plans are not presence), <c>lawful</c> whether every leg is; a cancelled plan has no check.
/// </summary>
public sealed record PlanView(
    string PlanId, IReadOnlyList<PlannedLeg> Legs, string? Note, bool Cancelled, DateOnly? CancelledOn, bool? Lawful, ItineraryAnswer? Check);

public sealed record PlansView(Guid TravellerId, IReadOnlyList<PlanView> Plans);

/// <summary><c>GET /travellers/{id}/plans</c>: every stored plan, in the order recorded, with its current answer.</summary>
public static class GetPlansEndpoint
{
    [WolverineGet("/travellers/{id}/plans")]
    public static async Task<PlansView> Get(Guid id, IQuerySession session, RuleSet rules, IdentityVault vault, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var plans = traveller.Plans.Plans;
        // The history is derived once for all plans (only when one is active).
        var history = plans.Any(p => p.Active) ? traveller.ToTravelHistory(rules) : null;
        var views = new List<PlanView>(plans.Count);
        foreach (var p in plans)
        {
            var check = p.Active ? PlanRules.Check(p, history!, traveller.Visas.Visas, traveller.Authorisations, rules) : null;
            // Notes are sealed under the traveller's identity key: after erasure they read as none.
            views.Add(new PlanView(p.PlanId, p.Recorded.Legs, await PlanNotes.OpenAsync(vault, p.Recorded, ct), !p.Active, p.CancelledOn,
                check is null ? null : PlanRules.Lawful(check), check));
        }
        return new PlansView(traveller.Id, views);
    }
}
