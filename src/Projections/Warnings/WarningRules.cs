using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Warnings;

/// <summary>
/// When warnings are due, for a traveller who is inside an area. Pure: the caller supplies "today" and the thresholds.
///
/// Thresholds are "days left" N: N lawful days remain after today, i.e. today = lastLawfulDay − N. N = 0 is the last
/// lawful day; N = −1 means the overstay has started (today's window is over the limit). lastLawfulDay is
/// stayUntil(today): the last day of continuous presence on which the window stays within the limit.
/// </summary>
public static class WarningRules
{
    public const string VisaEndsDuringStay = "visa-ends-during-stay";
    public const string VisaEntriesUsed = "visa-entries-used";

    /// <summary>The records leave a period's lawfulness undetermined (an anomaly); raised instead of an overstay incident.</summary>
    public const string RecordsIncomplete = "records-incomplete";

    public static string ThresholdName(int daysLeft) => daysLeft switch
    {
        -1 => "overstay-started",
        0 => "last-lawful-day",
        _ => $"{daysLeft}-days-left",
    };

    public static string WarningId(Guid traveller, string stayKey, string regime, string threshold) =>
        $"{traveller:N}:{stayKey}:{regime}:{threshold}";

    /// <summary>A warning due now, or a check to schedule for the day a threshold will be reached if the traveller stays.</summary>
    public sealed record Assessment(IReadOnlyList<WarningIssued> DueNow, IReadOnlyList<DateOnly> CheckOn);

    public static Assessment Assess(Traveller traveller, DateOnly today, RuleSet rules, Func<string, IReadOnlyList<int>> thresholdsFor) =>
        Assess(traveller, traveller.ToTravelHistory(rules), today, rules, thresholdsFor);

    /// <param name="history">The traveller's travel history, when the caller already has it.</param>
    public static Assessment Assess(
        Traveller traveller, TravelHistory history, DateOnly today, RuleSet rules, Func<string, IReadOnlyList<int>> thresholdsFor)
    {
        var due = new List<WarningIssued>();
        var checks = new List<DateOnly>();
        foreach (var regime in rules.Regimes)
        {
            if (today < regime.RuleEffectiveFrom || regime.Exempts(traveller.Nationalities)) continue;
            if (CurrentEntry(traveller, regime, rules) is not { } entry || entry.Date > today) continue;

            var prepared = new StayRuleEngine(regime).Prepare(history, today);
            var check = prepared.Check(today);
            var last = check.StayUntil; // null: today is already over the limit
            var facts = new WarningFacts(entry.CrossingId, entry.Date, entry.Country, today, check.WindowStart, regime.LimitDays, null);

            // Of the thresholds already passed, only the most severe (fewest days left) is issued: one warning that
            // says where the stay stands, not one per threshold passed at once (a late or mistaken entry would
            // otherwise fire them all). A less severe one is never issued after a more severe one.
            int? mostSevere = null;
            foreach (var daysLeft in thresholdsFor(regime.Id))
            {
                DateOnly dueOn = last is { } l ? l.AddDays(-daysLeft) : today;
                if (dueOn > today) { checks.Add(dueOn); continue; }
                if (mostSevere is null || daysLeft < mostSevere) mostSevere = daysLeft;
            }
            if (mostSevere is { } worst)
            {
                var name = ThresholdName(worst);
                var id = WarningId(traveller.Id, entry.CrossingId, regime.Id, name);
                if (!traveller.IssuedWarnings.Contains(id))
                    due.Add(new WarningIssued(traveller.Id, id, regime.Id, name, check.DaysUsed, check.DaysRemaining, last, facts));
            }

            due.AddRange(VisaWarnings(traveller, regime, prepared, entry, today, last, facts, check));
        }
        return new Assessment(due, checks.Distinct().Order().ToList());
    }

    /// <summary>
    /// One <c>records-incomplete</c> warning per anomaly (and regime) whose uncertain days make a period up to today
    /// undetermined: counted as absent the days are lawful, counted as present they are not. The ledger does not
    /// record an overstay on a presumption; it asks for the records instead. Id: (traveller, anomaly, regime, threshold).
    /// </summary>
    public static IReadOnlyList<WarningIssued> Incomplete(Traveller traveller, TravellerRecords records, DateOnly today, RuleSet rules)
    {
        var due = new List<WarningIssued>();
        if (records.History.UncertainOrEmpty.Count == 0) return due;
        foreach (var regime in rules.Regimes)
        {
            if (today < regime.RuleEffectiveFrom || regime.Exempts(traveller.Nationalities)) continue;
            var prepared = new StayRuleEngine(regime).Prepare(records.History, today);
            if (prepared.UndeterminedPeriods.Count == 0) continue;
            var check = prepared.Check(today);
            foreach (var anomalyId in prepared.UndeterminedPeriods.Where(p => p.From <= today).SelectMany(p => p.AnomalyIds).Distinct())
            {
                var id = WarningId(traveller.Id, anomalyId, regime.Id, RecordsIncomplete);
                if (traveller.IssuedWarnings.Contains(id) || due.Any(w => w.WarningId == id)) continue;
                var anomaly = records.Anomalies.First(a => a.AnomalyId == anomalyId);
                var facts = new WarningFacts(anomaly.CrossingIds[0], anomaly.UncertainFrom ?? today, anomaly.Country, today,
                    check.WindowStart, regime.LimitDays, null);
                due.Add(new WarningIssued(traveller.Id, id, regime.Id, RecordsIncomplete, check.DaysUsed, check.DaysRemaining, check.StayUntil, facts));
            }
        }
        return due;
    }

    /// <summary>"N-days-left", "last-lawful-day", "overstay-started" back to N, 0, −1; null for the other kinds of warning.</summary>
    public static int? DaysLeftOf(string threshold) => threshold switch
    {
        "overstay-started" => -1,
        "last-lawful-day" => 0,
        _ when threshold.EndsWith("-days-left", StringComparison.Ordinal) && int.TryParse(threshold[..^"-days-left".Length], out var n) => n,
        _ => null,
    };

    /// <summary>
    /// Standing warnings whose facts the records no longer bear out, each withdrawn with its reason:
    /// the crossing it rested on (the stay's entry; for records-incomplete the anomaly's first crossing) was voided, or
    /// corrected so that it is no longer an entry into the regime's area; or, for a day threshold, with the records as
    /// they now stand the threshold was not reached on the day the warning was issued. A warning that was right when
    /// issued (the traveller left since, an anomaly was settled by a record that arrived later) stands.
    /// </summary>
    public static IReadOnlyList<WarningWithdrawn> Withdrawals(Traveller traveller, TravelHistory history, DateOnly today, RuleSet rules)
    {
        var withdrawn = new List<WarningWithdrawn>();
        foreach (var w in traveller.WarningsOrEmpty.Standing)
        {
            if (Unfounded(traveller, history, rules, w) is { } reason)
                withdrawn.Add(new WarningWithdrawn(traveller.Id, w.WarningId, reason, today, w));
        }
        return withdrawn;
    }

    private static string? Unfounded(Traveller traveller, TravelHistory history, RuleSet rules, WarningIssued w)
    {
        if (w.Facts.PlanId is not null) return null; // a plan's warning stands for the change that broke the plan; it rests on no crossing
        var crossing = traveller.Crossings.Current.FirstOrDefault(c => c.CrossingId == w.Facts.StayEntryCrossingId);
        if (crossing is null)
            return $"crossing '{w.Facts.StayEntryCrossingId}', which this warning rested on, is no longer on record (voided)";
        if (w.Threshold == RecordsIncomplete) return null;
        if (crossing.Direction != Direction.Entry || StayPairing.AreaOf(crossing.Country, crossing.Date, rules) != w.Regime)
            return $"crossing '{crossing.CrossingId}' was corrected and is no longer an entry into the {w.Regime} area";
        if (DaysLeftOf(w.Threshold) is not { } daysLeft || rules.Regimes.FirstOrDefault(r => r.Id == w.Regime) is not { } regime) return null;
        var on = w.Facts.CheckedOn;
        if (crossing.Date > on)
            return $"crossing '{crossing.CrossingId}' was corrected to {crossing.Date:yyyy-MM-dd}, after the day this warning was issued";
        var check = new StayRuleEngine(regime).Check(history, on);
        DateOnly dueOn = check.StayUntil is { } last ? last.AddDays(-daysLeft) : on;
        return dueOn > on
            ? $"with the records as they now stand, '{w.Threshold}' was not reached on {on:yyyy-MM-dd} ({check.DaysUsed} days used of {regime.LimitDays})"
            : null;
    }

    /// <summary>The entry of the stay the traveller is in now in this regime's area, or null when outside.</summary>
    private static Crossing? CurrentEntry(Traveller traveller, Regime regime, RuleSet rules)
    {
        var last = traveller.Crossings.Current
            .Where(c => StayPairing.AreaOf(c.Country, c.Date, rules) == regime.Id)
            .Order(Crossing.ByWhenItHappened).LastOrDefault();
        return last?.Direction == Direction.Entry ? last : null;
    }

    private static IEnumerable<WarningIssued> VisaWarnings(
        Traveller traveller, Regime regime, PreparedHistory prepared, Crossing entry, DateOnly today, DateOnly? lastLawful,
        WarningFacts facts, StayCheck check)
    {
        var visa = traveller.Visas.Visas.LastOrDefault(v =>
            v.Type == "C" && v.Status == VisaStatus.Valid && v.ValidFrom <= today && today <= v.ValidUntil &&
            regime.IsMemberOn(v.IssuingState, v.IssuedOn));
        if (visa is null) yield break;

        // The visa allows DurationDays days of presence within its validity: count those already used before today.
        var usedUnderVisa = prepared.Upper.DaysIn(visa.ValidFrom.DayNumber, today.DayNumber - 1);
        var lastByDuration = today.AddDays(visa.DurationDays - usedUnderVisa - 1);
        var visaLastDay = lastByDuration < visa.ValidUntil ? lastByDuration : visa.ValidUntil;
        if (lastLawful is null || visaLastDay < lastLawful)
        {
            var id = WarningId(traveller.Id, entry.CrossingId, regime.Id, $"{VisaEndsDuringStay}:{visa.VisaId}");
            if (!traveller.IssuedWarnings.Contains(id))
                yield return new WarningIssued(traveller.Id, id, regime.Id, VisaEndsDuringStay, check.DaysUsed, check.DaysRemaining,
                    visaLastDay, facts with { VisaId = visa.VisaId });
        }

        var allowed = visa.Entries switch { VisaEntries.Single => 1, VisaEntries.Double => 2, _ => int.MaxValue };
        var entries = traveller.Crossings.Current.Count(c => c.Direction == Direction.Entry && c.Date >= visa.ValidFrom &&
            c.Date <= visa.ValidUntil && regime.IsMemberOn(c.Country, c.Date));
        if (entries >= allowed)
        {
            var id = WarningId(traveller.Id, visa.VisaId, regime.Id, VisaEntriesUsed);
            if (!traveller.IssuedWarnings.Contains(id))
                yield return new WarningIssued(traveller.Id, id, regime.Id, VisaEntriesUsed, check.DaysUsed, check.DaysRemaining,
                    lastLawful, facts with { VisaId = visa.VisaId });
        }
    }
}
