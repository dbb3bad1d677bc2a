using System.Globalization;
using Ledger.Pages.Rendering;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;

namespace Ledger.Pages.Travellers;

/// <summary>The words and the chart of one regime on the traveller page, from the engine's own answers.</summary>
/// <param name="Figures">The chart's figures as rows (its text alternative): empty when there is no chart.</param>
public sealed record RegimeSummary(RuleHeading Regime, StayCheck Check, string Words, string? Warning, string Chart, IReadOnlyList<DailyCount> Figures);

/// <summary>
/// What the page says about the rule behind a status line: a rolling-window regime (<c>90 of 180 days</c>) or a per-visit
/// rule (US Visa Waiver Program, UK visitor: days from each entry), which the status also answers for.
/// </summary>
public sealed record RuleHeading(string Id, string Name, int LimitDays, string Window)
{
    public static RuleHeading Of(string id)
    {
        if (RuleSet.Default.Regimes.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)) is { } regime)
            return new(regime.Id, regime.Name, regime.LimitDays, $"in the {regime.WindowDays} days");
        var rule = RuleSet.Default.VisitRules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new StayRuleException($"unknown rule '{id}'");
        return rule.LimitMonths is { } months
            ? new(rule.Id, rule.Name, 0, $"of the {months} months allowed from the entry,")
            : new(rule.Id, rule.Name, rule.LimitDays ?? 0, "of this visit,");
    }

    /// <summary>"10 of 90 days used", or "10 days used" when the limit is in months.</summary>
    public string Used(int days) => LimitDays > 0 ? $"{days} of {LimitDays} days used" : $"{days} days used";
}

/// <summary>Computations the traveller pages share: the next limit in words and the timeline of each regime.</summary>
public static class TravellerPage
{
    /// <summary>How far the timeline looks back and ahead of today.</summary>
    public const int ChartDays = 180;

    /// <summary>
    /// The answer first, in words: "You can stay until 12 July 2025 (12 days left)", "You must leave by …" (inside the
    /// area now), "You are over the limit by 3 days"; "This traveller …" when someone else reads. StayUntil assumes
    /// presence from the day asked about (the engine's conservative figure, uncertain days counted as present), so the
    /// days left count that day too.
    /// </summary>
    public static string Words(StayCheck check, RuleHeading regime, bool inside, bool self)
    {
        var who = self ? "You" : "This traveller";
        var be = self ? "are" : "is";
        if (check.Exempt)
            return self ? $"The {regime.Name} does not limit your stays: a nationality you hold is exempt."
                : $"The {regime.Name} does not limit this traveller's stays: a nationality they hold is exempt.";
        if (check.OverstayDays > 0) return $"{who} {be} over the limit by {Rendering.Words.Days(check.OverstayDays)}.";
        if (check.StayUntil is not { } until)
            return inside ? $"{who} {be} at the limit: {(self ? "you" : "they")} must leave today, {Rendering.Words.Long(check.On)}."
                : $"{who} cannot stay in the {regime.Name} on {Rendering.Words.Long(check.On)}: the limit is already reached.";
        var left = until.DayNumber - check.On.DayNumber + 1;
        return inside
            ? $"{who} must leave by {Rendering.Words.Long(until)} ({Rendering.Words.Days(left)} left)."
            : $"{who} can stay until {Rendering.Words.Long(until)} ({Rendering.Words.Days(left)} left).";
    }

    /// <summary>A warning worth a person's attention, from the status itself (the alert feed adds the ledger's issued warnings).</summary>
    public static string? Warning(StayCheck check, RuleHeading regime)
    {
        if (check.Exempt) return null;
        if (check.Violations.Count > 0)
            return $"Unlawful stay recorded: {string.Join("; ", check.Violations.Select(v => $"{Iso(v.From)} to {Iso(v.To)} ({v.Days} days)"))}.";
        if (check.Determination == Determination.Undetermined)
            return $"The records leave some days uncertain: {check.DaysUsed} days are certain, {check.DaysUsedIfPresent} if the uncertain days were spent in the area. See the anomalies below.";
        if (check.DaysRemaining <= 10)
            return $"Only {check.DaysRemaining} days of the {regime.LimitDays} are left in the current window.";
        return null;
    }

    /// <summary>The regimes' words, warnings and charts, from the same history and engine as the status read.</summary>
    public static async Task<IReadOnlyList<RegimeSummary>> SummariesAsync(Guid id, IReadOnlyList<StayCheck> checks, DateOnly today, bool self, IQuerySession session, CancellationToken ct)
    {
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var history = traveller.Records(RuleSet.Default).History;
        var result = new List<RegimeSummary>();
        foreach (var check in checks)
        {
            var heading = RuleHeading.Of(check.Regime);
            var inside = Inside(history.Stays, check.Regime, today);
            // Per-visit rules (a US or UK visit) have no rolling window to chart: their status line is enough.
            if (RuleSet.Default.Regimes.All(r => r.Id != heading.Id))
            {
                result.Add(new RegimeSummary(heading, check, Words(check, heading, inside, self), Warning(check, heading), "", []));
                continue;
            }
            var regime = RuleSet.Default.Get(check.Regime);
            var engine = new StayRuleEngine(regime);
            var from = today.AddDays(-ChartDays);
            var to = today.AddDays(ChartDays);
            // Presence is known up to today; ahead, the chart shows days rolling out of the window.
            var prepared = engine.Prepare(history, today);
            // Stored plans ahead (legs from tomorrow on in the area), and the days used they would lead to.
            var planned = traveller.Plans.Active.SelectMany(p => p.Recorded.Legs)
                .Where(l => l.To > today && l.From <= to && regime.IsMemberOn(l.Country, l.From > today ? l.From : today.AddDays(1)))
                .Select(l => new Stay(l.From > today ? l.From : today.AddDays(1), l.To, l.Country)).ToList();
            var ifPlanned = planned.Count == 0 ? [] : engine.Prepare(history with { Stays = [.. history.Stays, .. planned] }, today, knownUntil: to)
                .Series(today, to).ToList();
            var charted = check.Exempt || from < regime.RuleEffectiveFrom;
            var series = charted ? [] : prepared.Series(from, to).ToList();
            var chart = charted ? "" : TimelineChart.Svg(new TimelineChart.Input(
                regime.Id, regime.Name, regime.LimitDays, regime.WindowDays, today, series,
                history.Stays.Where(s => regime.IsMemberOn(s.Country, s.Entry) || (s.Exit is { } x && regime.IsMemberOn(s.Country, x))).ToList(),
                planned, ifPlanned));
            result.Add(new RegimeSummary(heading, check, Words(check, heading, inside, self), Warning(check, heading), chart, Figures(series, today)));
        }
        return result;
    }

    /// <summary>Is the traveller inside the rule's area today: a stay with no exit, entered on or before today in a member country?</summary>
    public static bool Inside(IReadOnlyList<Stay> stays, string ruleId, DateOnly today) =>
        stays.Any(s => s.Exit is null && s.Entry <= today && (
            RuleSet.Default.Regimes.FirstOrDefault(r => r.Id == ruleId) is { } regime ? regime.IsMemberOn(s.Country, today)
            : RuleSet.Default.VisitRules.FirstOrDefault(r => r.Id == ruleId) is { } rule && rule.IsMemberOn(s.Country, today)));

    /// <summary>
    /// The chart's text alternative: the days its description and axes name (the first and last day, the first of each
    /// month, today, the highest count, the first unlawful and first uncertain day), with the same figures.
    /// </summary>
    public static IReadOnlyList<DailyCount> Figures(IReadOnlyList<DailyCount> days, DateOnly today)
    {
        if (days.Count == 0) return [];
        var picked = new HashSet<DateOnly> { days[0].Day, days[^1].Day, today, days.MaxBy(d => d.DaysUsed)!.Day };
        if (days.FirstOrDefault(d => d.Unlawful) is { } unlawful) picked.Add(unlawful.Day);
        if (days.FirstOrDefault(d => d.Uncertain) is { } uncertain) picked.Add(uncertain.Day);
        foreach (var d in days.Where(d => d.Day.Day == 1)) picked.Add(d.Day);
        return days.Where(d => picked.Contains(d.Day)).ToList();
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
