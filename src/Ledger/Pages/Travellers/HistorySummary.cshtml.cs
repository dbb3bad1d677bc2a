using Ledger.History;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Travellers;

/// <summary><c>/app/travellers/{id}/history-summary?years=</c>: the history summary as a page to print, from the same endpoint.</summary>
public sealed class HistorySummaryModel(IQuerySession session, Ledger.Projections.StayRules.RuleSet rules, TimeProvider clock) : LedgerPageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "years")] public string? Years { get; set; }

    public HistorySummaryView Summary { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(async () =>
        Summary = await HistorySummaryEndpoint.Get(Id, Years, session, rules, clock, HttpContext, ct));
}
