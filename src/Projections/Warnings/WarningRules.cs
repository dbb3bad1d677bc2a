using Ledger.Projections.Crossings;
using Ledger.Projections.Plans;
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

    public static Assessment Assess(AssessmentContext c, Func<string, IReadOnlyList<int>> thresholdsFor)
    {
        var (traveller, today, rules, regimes, standings) = (c.Traveller, c.Today, c.Rules, c.Regimes, c.Standings);
        var due = new List<WarningIssued>();
        var checks = new List<DateOnly>();
        var latest = LatestCrossingPerArea(traveller, rules);
        foreach (var regime in rules.Regimes)
        {
            if (today < regime.RuleEffectiveFrom || regime.Exempts(traveller.Nationalities)) continue;
            if (EntryIfInside(latest, regime) is not { } entry || entry.Date > today) continue;
            // Today under a sub-area agreement of this regime (the Nordic days): those days leave the regime's count, so
            // its "staying on" figure would announce an overstay that is none; the sub-count speaks for the stay instead.
            if (standings.UnderAgreementOf(regime.Id)) continue;

            var prepared = regimes.For(regime);
            var check = prepared.Check(today);
            var last = check.StayUntil; // null: today is already over the limit
            var facts = new WarningFacts(entry.CrossingId, entry.Date, entry.Country, today, check.WindowStart, regime.LimitDays, null);

            if (MostSevereDue(thresholdsFor(regime.Id), last, today, checks) is { } worst)
                Issue(due, traveller, entry.CrossingId, regime.Id, worst, check.DaysUsed, check.DaysRemaining, last, facts);

            due.AddRange(VisaWarnings(traveller, regime, prepared, entry, today, last, facts, check));
        }

        // The per-visit rules and sub-area counts: the same thresholds against the current visit's last lawful day
        // (entry + limit, the officer's admittedUntil, us-vwp's admission continued through a no-reset trip; the
        // sub-count's own window), under ids that name the rule.
        foreach (var standing in standings.Rules)
        {
            if (standing.Current is not { } visit) continue;
            var facts = new WarningFacts(visit.Entry.CrossingId, visit.Entry.Date, visit.Entry.Country, today, visit.CountFrom, visit.LimitDays, null);
            if (MostSevereDue(thresholdsFor(standing.RuleId), visit.LastLawfulDay, today, checks) is { } worst)
                Issue(due, traveller, visit.Entry.CrossingId, standing.RuleId, worst, visit.DaysUsed, visit.DaysRemaining, visit.LastLawfulDay, facts);
        }
        return new Assessment(due, checks.Distinct().Order().ToList());
    }

    /// <summary>
    /// Of the thresholds already passed, only the most severe (fewest days left) is issued: one warning that says where
    /// the stay stands, not one per threshold passed at once (a late or mistaken entry would otherwise fire them all).
    /// A less severe one is never issued after a more severe one. Thresholds still ahead go to <paramref name="checks"/>.
    /// </summary>
    /// <param name="last">The last lawful day staying on; null when today is already over the limit.</param>
    private static int? MostSevereDue(IReadOnlyList<int> thresholds, DateOnly? last, DateOnly today, List<DateOnly> checks)
    {
        int? mostSevere = null;
        foreach (var daysLeft in thresholds)
        {
            DateOnly dueOn = last is { } l ? l.AddDays(-daysLeft) : today;
            if (dueOn > today) { checks.Add(dueOn); continue; }
            if (mostSevere is null || daysLeft < mostSevere) mostSevere = daysLeft;
        }
        return mostSevere;
    }

    private static void Issue(List<WarningIssued> due, Traveller traveller, string stayKey, string rule, int daysLeft,
        int daysUsed, int daysRemaining, DateOnly? last, WarningFacts facts)
    {
        var name = ThresholdName(daysLeft);
        var id = WarningId(traveller.Id, stayKey, rule, name);
        if (!traveller.Warnings.WasIssued(id))
            due.Add(new WarningIssued(traveller.Id, id, rule, name, daysUsed, daysRemaining, last, facts));
    }

    /// <summary>
    /// One <c>records-incomplete</c> warning per anomaly (and regime) whose uncertain days make a period up to today
    /// undetermined: counted as absent the days are lawful, counted as present they are not. The ledger does not
    /// record an overstay on a presumption; it asks for the records instead. Id: (traveller, anomaly, regime, threshold).
    /// </summary>
    public static IReadOnlyList<WarningIssued> Incomplete(AssessmentContext c)
    {
        var (traveller, records, today, rules, regimes) = (c.Traveller, c.Records, c.Today, c.Rules, c.Regimes);
        var due = new List<WarningIssued>();
        if (records.History.UncertainOrEmpty.Count == 0) return due;
        foreach (var regime in rules.Regimes)
        {
            if (today < regime.RuleEffectiveFrom || regime.Exempts(traveller.Nationalities)) continue;
            var prepared = regimes.For(regime);
            if (prepared.UndeterminedPeriods.Count == 0) continue;
            var check = prepared.Check(today);
            foreach (var anomalyId in prepared.UndeterminedPeriods.Where(p => p.From <= today).SelectMany(p => p.AnomalyIds).Distinct())
            {
                var id = WarningId(traveller.Id, anomalyId, regime.Id, RecordsIncomplete);
                if (traveller.Warnings.WasIssued(id) || due.Any(w => w.WarningId == id)) continue;
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
    /// corrected so that it is no longer an entry into the rule's area; or, for a day threshold, with the records as
    /// they now stand the threshold was not reached on the day the warning was issued. A warning that was right when
    /// issued (the traveller left since, an anomaly was settled by a record that arrived later) stands. A plan's warning
    /// is withdrawn when the plan was cancelled or, not begun yet, is lawful again (<see cref="PlanRules.Unfounded"/>).
    /// </summary>
    public static IReadOnlyList<WarningWithdrawn> Withdrawals(AssessmentContext c)
    {
        var (traveller, history, today, rules) = (c.Traveller, c.History, c.Today, c.Rules);
        var withdrawn = new List<WarningWithdrawn>();
        foreach (var w in traveller.Warnings.Standing)
        {
            var reason = w.Facts.PlanId is not null
                ? PlanRules.Unfounded(traveller, history, today, rules, w)
                : Unfounded(c, w);
            if (reason is not null)
                withdrawn.Add(new WarningWithdrawn(traveller.Id, w.WarningId, reason, today, w));
        }
        return withdrawn;
    }

    /// <summary>
    /// Why a standing warning no longer holds, or null. Every question looks at days up to the warning's day only, so the
    /// regimes prepared up to today (shared with the rest of the write) answer them all.
    /// </summary>
    private static string? Unfounded(AssessmentContext c, WarningIssued w)
    {
        var (traveller, history, today, rules, prepared) = (c.Traveller, c.History, c.Today, c.Rules, c.Regimes);
        var crossing = traveller.Crossings.Find(w.Facts.StayEntryCrossingId);
        if (crossing is null)
            return $"crossing '{w.Facts.StayEntryCrossingId}', which this warning rested on, is no longer on record (voided)";
        if (w.Threshold == RecordsIncomplete) return null;
        if (crossing.Direction != Direction.Entry || !IsEntryInto(w.Regime, crossing, rules))
            return $"crossing '{crossing.CrossingId}' was corrected and is no longer an entry into the {w.Regime} area";
        if (DaysLeftOf(w.Threshold) is not { } daysLeft) return null;
        var regime = rules.Regimes.FirstOrDefault(r => r.Id == w.Regime);
        if (regime is null && !IsVisitOrSubAreaRule(w.Regime, rules)) return null; // a rule no longer in the rule set: nothing to re-examine
        var on = w.Facts.CheckedOn;
        if (crossing.Date > on)
            return $"crossing '{crossing.CrossingId}' was corrected to {crossing.Date:yyyy-MM-dd}, after the day this warning was issued";
        DateOnly? last;
        string used;
        if (regime is not null)
        {
            var p = on <= today ? prepared.For(regime) : new StayRuleEngine(regime).Prepare(history, on);
            last = p.Exempt ? null : p.StayUntil(on);
            used = $"{p.DaysUsed(on)} days used of {regime.LimitDays}";
        }
        else
        {
            if (c.Standings.Find(w.Regime)?.On(on) is not (true, var visitLast))
                return $"with the records as they now stand, no day of {on:yyyy-MM-dd} counts under {w.Regime}";
            last = visitLast;
            used = last is { } l ? $"last lawful day {l:yyyy-MM-dd}" : "already over the limit";
        }
        DateOnly dueOn = last is { } lastDay ? lastDay.AddDays(-daysLeft) : on;
        return dueOn > on ? $"with the records as they now stand, '{w.Threshold}' was not reached on {on:yyyy-MM-dd} ({used})" : null;
    }

    /// <summary>The crossing enters the area a warning's rule counts: a regime's area, a per-visit rule's countries, a sub-area count's parent area.</summary>
    private static bool IsEntryInto(string rule, Crossing crossing, RuleSet rules)
    {
        foreach (var v in rules.VisitRules)
            if (v.Id == rule) return v.IsMemberOn(crossing.Country, crossing.Date);
        var area = StayPairing.AreaOf(crossing.Country, crossing.Date, rules);
        foreach (var a in rules.SubAreaAgreements)
            if (a.Id == rule) return area == a.ParentRegime;
        return area == rule;
    }

    private static bool IsVisitOrSubAreaRule(string rule, RuleSet rules) =>
        rules.VisitRules.Any(v => v.Id == rule) || rules.SubAreaAgreements.Any(a => a.Id == rule);

    /// <summary>Each area's latest crossing (by when it happened), in one pass over the history.</summary>
    private static Dictionary<string, Crossing> LatestCrossingPerArea(Traveller traveller, RuleSet rules)
    {
        var latest = new Dictionary<string, Crossing>(StringComparer.Ordinal);
        foreach (var c in traveller.Crossings.Current)
        {
            var area = rules.AreaOf(c.Country, c.Date);
            if (!latest.TryGetValue(area, out var known) || Crossing.ByWhenItHappened.Compare(c, known) >= 0) latest[area] = c;
        }
        return latest;
    }

    /// <summary>The entry of the stay the traveller is in now in this regime's area, or null when outside.</summary>
    internal static Crossing? CurrentEntry(Traveller traveller, Regime regime, RuleSet rules) =>
        EntryIfInside(LatestCrossingPerArea(traveller, rules), regime);

    /// <summary>Inside the regime's area now: its latest crossing is an entry; that entry, else null.</summary>
    private static Crossing? EntryIfInside(Dictionary<string, Crossing> latest, Regime regime) =>
        latest.TryGetValue(regime.Id, out var last) && last.Direction == Direction.Entry ? last : null;

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
            if (!traveller.Warnings.WasIssued(id))
                yield return new WarningIssued(traveller.Id, id, regime.Id, VisaEndsDuringStay, check.DaysUsed, check.DaysRemaining,
                    visaLastDay, facts with { VisaId = visa.VisaId });
        }

        var allowed = visa.Entries switch { VisaEntries.Single => 1, VisaEntries.Double => 2, _ => int.MaxValue };
        var entries = traveller.Crossings.Current.Count(c => c.Direction == Direction.Entry && c.Date >= visa.ValidFrom &&
            c.Date <= visa.ValidUntil && regime.IsMemberOn(c.Country, c.Date));
        if (entries >= allowed)
        {
            var id = WarningId(traveller.Id, visa.VisaId, regime.Id, VisaEntriesUsed);
            if (!traveller.Warnings.WasIssued(id))
                yield return new WarningIssued(traveller.Id, id, regime.Id, VisaEntriesUsed, check.DaysUsed, check.DaysRemaining,
                    lastLawful, facts with { VisaId = visa.VisaId });
        }
    }
}
