using Ledger.Projections.StayRules;
using Ledger.Stays;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Travellers;

/// <summary>
/// <c>/app/travellers/{id}/plan</c>: today's planning reads (<c>/plan</c> and <c>/earliest</c>) as a form, answered in
/// words. (A leg-by-leg itinerary check comes with the regimes work and belongs on this page when it lands.)
/// </summary>
public sealed class PlanModel(IQuerySession session) : LedgerPageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "enter")] public string? Enter { get; set; }
    [FromQuery(Name = "days")] public string? Days { get; set; }
    [FromQuery(Name = "regime")] public string? Regime { get; set; }

    public StayPlan? Plan { get; private set; }
    public EarliestEntryView? Earliest { get; private set; }

    public static IReadOnlyList<Regime> Regimes => RuleSet.Default.Regimes;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(async () =>
    {
        Caller.MayRead(Id);
        if (string.IsNullOrEmpty(Enter)) return;
        Plan = await PlanningEndpoints.Plan(Id, Enter, Regime, session, HttpContext, ct);
        if (!string.IsNullOrEmpty(Days))
            Earliest = await PlanningEndpoints.Earliest(Id, Days, Enter, Regime, session, HttpContext, ct);
    });

    public string RegimeName(string id) => RuleSet.Default.Get(id).Name;

    public string PlanWords(StayPlan plan) => plan.LastDay is { } last
        ? $"If you enter the {RegimeName(plan.Regime)} on {Iso(plan.Enter)}, you can stay {plan.MaxStayDays} {(plan.MaxStayDays == 1 ? "day" : "days")}, until {Iso(last)}."
        : $"You cannot enter the {RegimeName(plan.Regime)} on {Iso(plan.Enter)}: the window would already hold the limit.";

    public string EarliestWords(EarliestEntryView e) =>
        $"The earliest you can start a stay of {e.Days} days in the {RegimeName(e.Regime)}, on or after {Iso(e.From)}, is {Iso(e.EarliestEntry)}.";
}
