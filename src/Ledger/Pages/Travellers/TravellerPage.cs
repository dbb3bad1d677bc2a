using System.Globalization;
using Ledger.Pages.Rendering;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;

namespace Ledger.Pages.Travellers;

/// <summary>The words and the chart of one regime on the traveller page, from the engine's own answers.</summary>
public sealed record RegimeSummary(Regime Regime, StayCheck Check, string Words, string? Warning, string Chart);

/// <summary>Computations the traveller pages share: the next limit in words and the timeline of each regime.</summary>
public static class TravellerPage
{
    /// <summary>How far the timeline looks back and ahead of today.</summary>
    public const int ChartDays = 180;

    /// <summary>
    /// "You can stay until 2025-07-12; 12 days left." StayUntil assumes presence from the day asked about (the engine's
    /// conservative figure, uncertain days counted as present), so the days left count that day too.
    /// </summary>
    public static string Words(StayCheck check, Regime regime)
    {
        if (check.Exempt) return $"The {regime.Name} does not limit your stays: a nationality you hold is exempt.";
        if (check.OverstayDays > 0)
            return $"You are over the limit: {check.DaysUsed} of {regime.LimitDays} days used in the {regime.WindowDays} days ending {Iso(check.On)}, {check.OverstayDays} days too many.";
        if (check.StayUntil is not { } until)
            return $"You cannot stay in the {regime.Name} on {Iso(check.On)}: the window already holds {regime.LimitDays} days.";
        var left = until.DayNumber - check.On.DayNumber + 1;
        return $"You can stay until {Iso(until)}; {left} {(left == 1 ? "day" : "days")} left.";
    }

    /// <summary>A warning worth a person's attention, from the status itself (the alert feed adds the ledger's issued warnings).</summary>
    public static string? Warning(StayCheck check, Regime regime)
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
    public static async Task<IReadOnlyList<RegimeSummary>> SummariesAsync(Guid id, IReadOnlyList<StayCheck> checks, DateOnly today, IQuerySession session, CancellationToken ct)
    {
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var history = traveller.Records(RuleSet.Default).History;
        var result = new List<RegimeSummary>();
        foreach (var check in checks)
        {
            var regime = RuleSet.Default.Get(check.Regime);
            var engine = new StayRuleEngine(regime);
            var from = today.AddDays(-ChartDays);
            var to = today.AddDays(ChartDays);
            // Presence is known up to today; ahead, the chart shows days rolling out of the window.
            var prepared = engine.Prepare(history, today);
            var chart = check.Exempt || from < regime.RuleEffectiveFrom ? "" : TimelineChart.Svg(new TimelineChart.Input(
                regime.Id, regime.Name, regime.LimitDays, regime.WindowDays, today, prepared.Series(from, to).ToList(),
                history.Stays.Where(s => regime.IsMemberOn(s.Country, s.Entry) || (s.Exit is { } x && regime.IsMemberOn(s.Country, x))).ToList()));
            result.Add(new RegimeSummary(regime, check, Words(check, regime), Warning(check, regime), chart));
        }
        return result;
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
