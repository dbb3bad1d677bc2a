using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Plans;

/// <summary>
/// Stored plans against the record. Pure: a plan is answered by the same <see cref="ItineraryCheck"/> as
/// <c>POST .../itineraries/check</c>, on its own (other plans are intentions, not presence).
/// </summary>
public static class PlanRules
{
    /// <summary>The warning threshold (and kind) of a plan the record no longer allows.</summary>
    public const string PlanNoLongerLawful = "planNoLongerLawful";

    /// <summary>
    /// The plan's answer, travel authorisations included: a leg needing one (an ESTA, an eTA by air) with none of
    /// <paramref name="authorisations"/> valid on its entry day lacks it, as on <c>POST .../itineraries/check</c>.
    /// </summary>
    public static ItineraryAnswer Check(Plan plan, TravelHistory history, IReadOnlyList<Visa> visas, TravelAuthorisationBook authorisations, RuleSet rules) =>
        ItineraryCheck.Run(rules, history, visas, plan.Recorded.Legs.Select(l => new Leg(l.Country, l.From, l.To, l.By)).ToList(),
            new AuthorisationCheck(TravelAuthorisationSchemes.Default, authorisations));

    public static bool Lawful(ItineraryAnswer answer) => answer.Legs.All(l => l.Lawful);

    /// <summary>
    /// Plans that were lawful with the records before a write and are not after it: one <c>planNoLongerLawful</c>
    /// warning each. Only active plans that have not begun are re-checked: once the trip is under way its crossings are
    /// the record, and the ordinary overstay warnings speak for it. A plan that becomes lawful again and is then broken
    /// again warns again (the warning id counts the plan's earlier ones), so a warning stands for one change.
    /// </summary>
    /// <param name="after">The judgement after the write; the history before is derived here only when there is a plan to re-check.</param>
    public static IReadOnlyList<WarningIssued> NoLongerLawful(Traveller before, AssessmentContext after)
    {
        var (traveller, afterHistory, today, rules) = (after.Traveller, after.History, after.Today, after.Rules);
        var due = new List<WarningIssued>();
        var plans = traveller.Plans.Active.Where(p => p.Recorded.Legs.Min(l => l.From) > today).ToList();
        if (plans.Count == 0) return due;
        var beforeHistory = before.ToTravelHistory(rules);
        foreach (var plan in plans)
        {
            // Already unlawful: warned then, or shown on read. A plan the engine cannot answer is skipped: a write to the
            // record is never refused for a plan.
            if (TryCheck(plan, beforeHistory, before.Visas.Visas, before.Authorisations, rules) is not { } was || !Lawful(was)) continue;
            if (TryCheck(plan, afterHistory, traveller.Visas.Visas, traveller.Authorisations, rules) is not { } answer || Lawful(answer)) continue;
            due.Add(Warning(traveller, plan, answer.Legs.First(l => !l.Lawful), today, rules));
        }
        return due;
    }

    /// <summary>
    /// Why a standing <c>planNoLongerLawful</c> warning no longer holds, or null while it does: the plan was cancelled,
    /// or, not begun yet, it is lawful again with the records as they now stand (a void or correction took back the fact
    /// that broke it). Withdrawn through the same pipeline as a stay's warning; a plan broken again later warns again
    /// under a new id. A plan under way is left to the records, as when warning.
    /// </summary>
    public static string? Unfounded(Traveller traveller, TravelHistory history, DateOnly today, RuleSet rules, WarningIssued warning)
    {
        if (warning.Facts.PlanId is not { } planId || traveller.Plans.Find(planId) is not { } plan) return null;
        if (plan.CancelledOn is { } cancelled) return $"plan '{planId}' was cancelled on {cancelled:yyyy-MM-dd}";
        if (plan.Recorded.Legs.Min(l => l.From) <= today) return null;
        return TryCheck(plan, history, traveller.Visas.Visas, traveller.Authorisations, rules) is { } answer && Lawful(answer)
            ? $"with the records as they now stand, plan '{planId}' is lawful again"
            : null;
    }

    private static ItineraryAnswer? TryCheck(Plan plan, TravelHistory history, IReadOnlyList<Visa> visas, TravelAuthorisationBook authorisations, RuleSet rules)
    {
        try
        {
            return Check(plan, history, visas, authorisations, rules);
        }
        catch (StayRuleException)
        {
            return null;
        }
    }

    /// <summary>
    /// The warning names the first leg that became unlawful: its country and first day stand where a stay warning has its
    /// entry (so caseworkers of that country see it, like stay warnings), <c>daysRemaining</c> counts the leg's days that
    /// are still lawful, <c>lastLawfulDay</c> is the leg's latest lawful last day.
    /// </summary>
    private static WarningIssued Warning(Traveller traveller, Plan plan, LegResult leg, DateOnly today, RuleSet rules)
    {
        var rule = leg.Rules.FirstOrDefault() ?? "visa-requirement";
        var earlier = traveller.Warnings.Issued.Count(w => w.Facts.PlanId == plan.PlanId);
        var id = WarningRules.WarningId(traveller.Id, "plan:" + plan.PlanId, rule, $"{PlanNoLongerLawful}:{earlier + 1}");
        var lawfulDays = leg.FirstUnlawfulDay is { } first ? first.DayNumber - leg.From.DayNumber : leg.To.DayNumber - leg.From.DayNumber + 1;
        var facts = new WarningFacts("plan:" + plan.PlanId, leg.From, leg.Country, today, leg.From, LimitOf(rule, rules), leg.CoveredBy)
        {
            PlanId = plan.PlanId,
        };
        return new WarningIssued(traveller.Id, id, rule, PlanNoLongerLawful, leg.DaysUsedAfter, lawfulDays, leg.LatestLawfulLastDay, facts);
    }

    /// <summary>The rule's day limit; 0 when it counts months or no rule binds (a visa is what is lacking).</summary>
    private static int LimitOf(string rule, RuleSet rules) =>
        rules.Regimes.FirstOrDefault(r => r.Id == rule)?.LimitDays
        ?? rules.SubAreaAgreements.FirstOrDefault(a => a.Id == rule)?.LimitDays
        ?? rules.VisitRules.FirstOrDefault(v => v.Id == rule)?.LimitDays
        ?? 0;
}
