using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Incidents;

/// <summary>
/// Turns overstays found in a traveller's history into incident records, once per overstay: the incident id is derived
/// from (regime, first unlawful day), so re-detecting the same overstay adds nothing.
/// </summary>
public static class OverstayDetection
{
    public const string Source = "ledger";

    public static string IncidentIdFor(string regime, DateOnly firstUnlawfulDay) => $"overstay-{regime}-{firstUnlawfulDay:yyyyMMdd}";

    /// <summary>
    /// Incidents to record for overstays not recorded yet, and, for overstays the ledger detected earlier that the
    /// history no longer shows (an exit or a permit arrived later), an expungement: the ledger retracts its own
    /// finding rather than leave a false record. Incidents recorded by people are never touched.
    /// </summary>
    public static IEnumerable<object> Changes(AssessmentContext c)
    {
        var (traveller, history, today, rules, prepared) = (c.Traveller, c.History, c.Today, c.Rules, c.Regimes);
        var current = new HashSet<string>();
        foreach (var regime in rules.Regimes)
        {
            if (today < regime.RuleEffectiveFrom) continue;
            foreach (var v in prepared.For(regime).Violations)
            {
                var id = IncidentIdFor(regime.Id, v.From);
                current.Add(id);
                if (traveller.Incidents.Find(id) is not null) continue;
                // The jurisdiction is the state of the stay in which the limit was passed.
                var jurisdiction = history.Stays.FirstOrDefault(s => s.Entry <= v.From && v.From <= (s.Exit ?? today))?.Country ?? regime.Id;
                yield return new IncidentRecorded(traveller.Id, id, jurisdiction, v.From, IncidentCategory.Overstay,
                    SeverityOf(v), Source,
                    $"{v.Days} day(s) over the {regime.LimitDays}-day limit of {regime.Name}, {v.From:yyyy-MM-dd} to {v.To:yyyy-MM-dd}");
            }
        }
        // Per-visit rules (days present past an admission's last lawful day) and sub-area counts (days past the sub-count),
        // on certain presence only like the regimes: same ids (rule id and first unlawful day), same severities.
        foreach (var standing in c.Standings.Rules)
        {
            foreach (var v in standing.Violations)
            {
                var id = IncidentIdFor(standing.RuleId, v.From);
                current.Add(id);
                if (traveller.Incidents.Find(id) is not null) continue;
                yield return new IncidentRecorded(traveller.Id, id, standing.CountryOn(v.From) ?? standing.RuleId, v.From,
                    IncidentCategory.Overstay, SeverityOf(v), Source,
                    $"{v.Days} day(s) over {standing.LimitText}, {v.From:yyyy-MM-dd} to {v.To:yyyy-MM-dd}");
            }
        }
        foreach (var stale in traveller.Incidents.Visible.Where(i => i.Source == Source && i.Category == IncidentCategory.Overstay && !current.Contains(i.IncidentId)))
            yield return new IncidentExpunged(traveller.Id, stale.IncidentId, today, "later records show no overstay starting on this day");
    }

    private static Severity SeverityOf(Violation v) => v.Days > 90 ? Severity.High : v.Days > 10 ? Severity.Medium : Severity.Low;
}
