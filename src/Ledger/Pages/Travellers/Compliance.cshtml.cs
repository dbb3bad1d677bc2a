using Ledger.Projections.StayRules;
using Ledger.Stays;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Travellers;

/// <summary>
/// <c>/app/travellers/{id}/compliance?from=&amp;to=&amp;regime=&amp;asKnownAt=</c>: the compliance report as a page that
/// prints cleanly, and (<c>?handler=csv</c>) the API's own CSV file. Both come from the report endpoint itself.
/// </summary>
public sealed class ComplianceModel(IQuerySession session, RuleSet rules) : LedgerPageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "regime")] public string? Regime { get; set; }
    [FromQuery(Name = "asKnownAt")] public string? AsKnownAt { get; set; }

    public ComplianceReportView? Report { get; private set; }

    /// <summary>The rules in force, which name the regimes and rules the page shows.</summary>
    public RuleSet Rules => rules;
    public IReadOnlyList<Regime> Regimes => rules.Regimes;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(async () =>
    {
        // Without a range: the last 180 days, as the page's starting point.
        From ??= Iso(Today.AddDays(-179));
        To ??= Iso(Today);
        var answer = await ComplianceReportEndpoint.Get(Id, From, To, Regime, NullIfEmpty(AsKnownAt), session, rules, HttpContext, ct);
        Report = (ComplianceReportView)((IValueHttpResult)answer).Value!;
    });

    /// <summary>The CSV file, exactly as <c>GET /travellers/{id}/compliance</c> with <c>Accept: text/csv</c> answers it.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Request.Headers.Accept = "text/csv";
        try
        {
            var answer = await ComplianceReportEndpoint.Get(Id, From, To, Regime, NullIfEmpty(AsKnownAt), session, rules, HttpContext, ct);
            await answer.ExecuteAsync(HttpContext);
            return new EmptyResult();
        }
        catch (Ledger.Problems.LedgerProblem problem)
        {
            Request.Headers.Accept = "text/html";
            Refuse(problem);
            return Page();
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public string CsvLink => $"/app/travellers/{Id}/compliance?handler=csv&from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}"
        + (string.IsNullOrEmpty(Regime) ? "" : $"&regime={Uri.EscapeDataString(Regime)}")
        + (string.IsNullOrEmpty(AsKnownAt) ? "" : $"&asKnownAt={Uri.EscapeDataString(AsKnownAt)}");
}
