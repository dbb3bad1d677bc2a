using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;

namespace Ledger.Stays;

/// <summary>
/// The checks a status shows for one traveller on one day: rolling windows, per-visit rules and sub-area agreements
/// alike, each computed by its engine. Only the rules whose countries the traveller entered (or may have been in) are
/// shown, unless every rule is asked for. The status read, groups and the pages all build from here, so a rule shown in
/// one place is shown in all.
/// </summary>
public static class StatusChecks
{
    public static IReadOnlyList<StayCheck> For(Traveller traveller, TravelHistory history, DateOnly day, RuleSet rules, bool all = false)
    {
        // Every rolling rule judges the date, listed or not: a date before one took effect is refused.
        foreach (var r in rules.Regimes) r.EnsureApplies(day, "control date");
        return rules.Regimes.Where(r => all || Met(history, r.IsMemberOn)).Select(r => new StayRuleEngine(r).Check(history, day))
            .Concat(rules.VisitRules.Where(r => all || Met(history, r.IsMemberOn))
                .Select(r => new VisitRuleEngine(r).Check(VisitAndSubAreaStandings.VisitorDaysOnly(r, traveller, history), day)))
            .Concat(rules.SubAreaAgreements.Select(a => (Agreement: a, Parent: rules.Get(a.ParentRegime)))
                .Where(x => x.Agreement.AppliesTo(history.NationalitiesOrEmpty, x.Parent) && (all || Met(history, x.Agreement.Counter(x.Parent).IsMemberOn)))
                .Select(x => new StayRuleEngine(x.Agreement.Counter(x.Parent)).Check(x.Agreement.Split(x.Parent, history, Regime.LatestControlDate).UnderAgreement, day)))
            .ToList();
    }

    /// <summary>The traveller entered (or may have been in) one of the rule's countries while it counted them.</summary>
    private static bool Met(TravelHistory history, Func<string, DateOnly, bool> isMemberOn) =>
        history.Stays.Any(s => isMemberOn(s.Country, s.Entry) || s.Exit is { } x && isMemberOn(s.Country, x))
        || history.UncertainOrEmpty.Any(u => isMemberOn(u.Country, u.First) || isMemberOn(u.Country, u.Last));
}
