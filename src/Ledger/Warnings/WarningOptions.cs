using Ledger.Projections.StayRules;

namespace Ledger.Warnings;

/// <summary>
/// Warning thresholds per rule, in "days left" (0 = last lawful day, −1 = overstay started), from configuration
/// section <c>Ledger:Warnings</c>: <c>Default</c> (15, 5, 0, −1) and optional lists under <c>Regimes</c>, keyed by any
/// rule id that raises warnings: a rolling regime (<c>schengen</c>), a per-visit rule (<c>uk-visitor</c>, <c>us-vwp</c>)
/// or a sub-area count (<c>denmark-nordic-bilateral</c>).
/// </summary>
public sealed class WarningOptions
{
    public const string Section = "Ledger:Warnings";

    private static readonly int[] BuiltIn = [15, 5, 0, -1];

    /// <summary>Empty means the built-in defaults (configuration binding appends to arrays, so defaults live apart).</summary>
    public int[] Default { get; set; } = [];
    public Dictionary<string, int[]> Regimes { get; set; } = [];

    /// <summary>
    /// How often each node sweeps <see cref="LaterChecks"/> (<c>SweepEvery</c>, default one hour). At most 12 hours: a
    /// row due on day D is taken by a sweep during D−1 (it was written on D−2 at the latest), so every day must see a
    /// sweep, and a second one in case the first fails.
    /// </summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often each node looks for checks still owed after their time (<c>CatchUpEvery</c>, default 10 s), and how long
    /// after 00:00 UTC of its day a check must be owed before the catch-up runs it (<c>CatchUpAfter</c>, default 20 s:
    /// long enough for the scheduled message, which normally runs within the 5 s of Wolverine's scheduled-job polling).
    /// A check is then never later than about CatchUpAfter + CatchUpEvery (30 s) plus its run time, whichever node dies.
    /// Each at most 10 minutes.
    /// </summary>
    public TimeSpan CatchUpEvery { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan CatchUpAfter { get; set; } = TimeSpan.FromSeconds(20);

    public IReadOnlyList<int> ThresholdsFor(string regime) =>
        Regimes.TryGetValue(regime, out var list) ? list : Default.Length > 0 ? Default : BuiltIn;

    /// <summary>Checked at start-up: unknown rules, thresholds below −1 or a sweep or catch-up interval out of range stop the service with a clear message.</summary>
    public void Validate(RuleSet rules)
    {
        if (SweepEvery <= TimeSpan.Zero || SweepEvery > TimeSpan.FromHours(12))
            throw new InvalidOperationException($"{Section}:SweepEvery must be a time span over zero and at most 12:00:00 (default 01:00:00)");
        if (CatchUpEvery <= TimeSpan.Zero || CatchUpEvery > TimeSpan.FromMinutes(10))
            throw new InvalidOperationException($"{Section}:CatchUpEvery must be a time span over zero and at most 00:10:00 (default 00:00:10)");
        if (CatchUpAfter < TimeSpan.Zero || CatchUpAfter > TimeSpan.FromMinutes(10))
            throw new InvalidOperationException($"{Section}:CatchUpAfter must be a time span of zero or more and at most 00:10:00 (default 00:00:20)");
        var known = rules.Regimes.Select(r => r.Id).Concat(rules.VisitRules.Select(r => r.Id)).Concat(rules.SubAreaAgreements.Select(a => a.Id)).ToList();
        foreach (var (regime, list) in Regimes.Append(new("(default)", [.. ThresholdsFor("(default)")])))
        {
            if (regime != "(default)" && !known.Contains(regime))
                throw new InvalidOperationException($"{Section}:Regimes: unknown rule '{regime}' (known: {string.Join(", ", known)})");
            if (list.Any(t => t < -1))
                throw new InvalidOperationException($"{Section}: thresholds for {regime} must be days left ≥ 0, or −1 for 'overstay started'");
        }
    }
}
