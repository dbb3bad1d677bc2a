using Ledger.Access;
using System.Text;
using Ledger.Hosting;
using Ledger.Travellers;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Marten;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Stays;

public sealed record ComplianceReportView(
    Guid TravellerId, string Regime, DateOnly From, DateOnly To, DateTimeOffset? AsKnownAt, int MaxDaysUsed, DateOnly? MaxOn,
    IReadOnlyList<Violation> Violations, IReadOnlyList<DailyCount> Days,
    int MaxDaysUsedIfPresent, IReadOnlyList<UndeterminedPeriod> UndeterminedPeriods, IReadOnlyList<Anomaly> Anomalies);

public static class ComplianceReportEndpoint
{
    public const int MaxDays = 3700;

    /// <summary>
    /// Per-day days used for [from, to] (both included), every unlawful period that touches the range, and the maximum.
    /// JSON by default; CSV (<c>date,daysUsed,present,unlawful</c>) with <c>Accept: text/csv</c>. When the records leave
    /// some day of the regime uncertain, the CSV gains two columns, <c>uncertain,daysUsedIfPresent</c>; a complete
    /// history has the four columns only, so readers of complete histories see one fixed shape.
    /// </summary>
    [WolverineGet("/travellers/{id}/compliance")]
    public static async Task<IResult> Get(Guid id, string? from, string? to, string? regime, string? asKnownAt, IQuerySession session, RuleSet rules, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id, asKnownAt: !string.IsNullOrEmpty(asKnownAt));
        var first = Parse.Date(from, "from");
        var last = Parse.Date(to, "to");
        if (last < first) throw LedgerProblem.BadRequest($"to {last:yyyy-MM-dd} is before from {first:yyyy-MM-dd}");
        if (last.DayNumber - first.DayNumber + 1 > MaxDays) throw LedgerProblem.BadRequest($"a report covers at most {MaxDays} days");
        var engine = new StayRuleEngine(rules.Get(regime ?? "schengen"));
        engine.Regime.EnsureApplies(first, "from");
        var knownAt = Parse.OptionalInstant(asKnownAt, "asKnownAt");
        var history = await TravellerReads.LoadAsync(session, id, knownAt, ct);

        var records = history.Records(rules);
        var prepared = engine.Prepare(records.History, last);
        var days = prepared.Series(first, last).ToList();
        var max = days.MaxBy(d => d.DaysUsed);
        var violations = prepared.Violations.Where(v => v.To >= first && v.From <= last).ToList();
        var undetermined = prepared.UndeterminedPeriods.Where(v => v.To >= first && v.From <= last).ToList();
        var anomalies = records.Anomalies.Where(a => a.Area == engine.Regime.Id).ToList();
        var report = new ComplianceReportView(id, engine.Regime.Id, first, last, knownAt, max?.DaysUsed ?? 0, max?.Day, violations, days,
            days.Count == 0 ? 0 : days.Max(d => d.DaysUsedIfPresent), undetermined, anomalies);

        if (!http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
            return Results.Json(report, LedgerJson.Options);
        var withUncertain = prepared.HasUncertainDays;
        var csv = new StringBuilder(withUncertain ? "date,daysUsed,present,unlawful,uncertain,daysUsedIfPresent\n" : "date,daysUsed,present,unlawful\n");
        foreach (var d in days)
        {
            csv.Append($"{d.Day:yyyy-MM-dd},{d.DaysUsed},{Bool(d.Present)},{Bool(d.Unlawful)}");
            csv.Append(withUncertain ? $",{Bool(d.Uncertain)},{d.DaysUsedIfPresent}\n" : "\n");
        }
        // A file a person can save as it comes: named by what it covers (the opaque traveller id is left out of names
        // that end up in download folders and mail).
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"compliance-{engine.Regime.Id}-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv\"";
        return Results.Text(csv.ToString(), "text/csv");

        static string Bool(bool b) => b ? "true" : "false";
    }
}
