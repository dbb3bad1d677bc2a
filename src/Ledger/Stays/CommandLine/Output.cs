using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;

namespace Ledger.Stays.CommandLine;

/// <summary>Human and JSON renderings of the engine's answers. JSON field names are part of the CLI contract.</summary>
public static class Output
{
    public sealed record Answer(object Json, string Human);

    /// <summary>
    /// JSON adds <c>daysUsedIfPresent</c>, <c>determination</c> and <c>anomalies</c> (all of the file's, with the days
    /// they leave uncertain); the human form adds lines only when the file has anomalies.
    /// </summary>
    public static Answer Check(StayCheck c, IReadOnlyList<Anomaly> anomalies) => new(
        new
        {
            c.Regime, c.On, c.WindowStart, c.WindowEnd, c.DaysUsed, c.DaysRemaining, c.OverstayDays, c.StayUntil,
            Violations = c.Violations.Select(v => new { v.From, v.To, v.Days }), c.Exempt,
            c.DaysUsedIfPresent, c.Determination,
            Anomalies = anomalies.Select(a => new { a.AnomalyId, a.Kind, a.CrossingIds, a.UncertainFrom, a.UncertainTo }),
            c.UncertainCountedAsPresent,
        },
        c.Exempt
            ? $"{c.Regime} on {c.On:yyyy-MM-dd}: exempt (a nationality of a member state)"
            : string.Join(Environment.NewLine, new[] {
                $"{c.Regime} on {c.On:yyyy-MM-dd} (window {c.WindowStart:yyyy-MM-dd} to {c.WindowEnd:yyyy-MM-dd}, both included)",
                $"  days used:      {c.DaysUsed}",
                $"  days remaining: {c.DaysRemaining}",
                $"  overstay days:  {c.OverstayDays}",
                $"  stay until:     {(c.StayUntil is { } s ? $"{s:yyyy-MM-dd} (staying continuously from {c.On:yyyy-MM-dd})" : "not lawful to stay on this date")}",
                $"  violations:     {(c.Violations.Count == 0 ? "none" : string.Join("; ", c.Violations.Select(v => $"{v.From:yyyy-MM-dd} to {v.To:yyyy-MM-dd} ({v.Days} days)")))}"}
                .Concat(anomalies.Count == 0 ? [] : [
                    $"  if uncertain days were present: {c.DaysUsedIfPresent} days used ({c.Determination}; stay until assumes them present)",
                    .. anomalies.Select(a => $"  anomaly:        {a.AnomalyId} ({a.Kind}), uncertain {(a.UncertainFrom is { } f ? $"{f:yyyy-MM-dd} to {a.UncertainTo:yyyy-MM-dd}" : "none")}"),
                ])));

    public static Answer Plan(StayPlan p) => new(
        new { p.Regime, p.Enter, p.MaxStayDays, p.LastDay, p.UncertainCountedAsPresent },
        (p.LastDay is { } last
            ? $"{p.Regime}: entering {p.Enter:yyyy-MM-dd}, up to {p.MaxStayDays} consecutive days, last day {last:yyyy-MM-dd}"
            : $"{p.Regime}: entering {p.Enter:yyyy-MM-dd} is not lawful (no day left)") + Presumed(p.UncertainCountedAsPresent));

    public static Answer Earliest(EarliestEntry e) => new(
        new { e.Regime, e.Days, e.From, EarliestEntry = e.EarliestEntryDate, e.UncertainCountedAsPresent },
        $"{e.Regime}: a stay of {e.Days} consecutive days is possible from {e.EarliestEntryDate:yyyy-MM-dd} (searched from {e.From:yyyy-MM-dd})" +
        Presumed(e.UncertainCountedAsPresent));

    /// <summary>Said only when it matters: complete histories keep their output unchanged.</summary>
    private static string Presumed(bool uncertainCounted) =>
        uncertainCounted ? " (uncertain days counted as present)" : "";
}
