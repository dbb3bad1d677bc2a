using Ledger.Projections.StayRules;

namespace Ledger.Warnings;

/// <summary>
/// Warning thresholds per regime, in "days left" (0 = last lawful day, −1 = overstay started), from configuration
/// section <c>Ledger:Warnings</c>: <c>Default</c> (15, 5, 0, −1) and optional per-regime lists under <c>Regimes</c>.
/// </summary>
public sealed class WarningOptions
{
    public const string Section = "Ledger:Warnings";

    private static readonly int[] BuiltIn = [15, 5, 0, -1];

    /// <summary>Empty means the built-in defaults (configuration binding appends to arrays, so defaults live apart).</summary>
    public int[] Default { get; set; } = [];
    public Dictionary<string, int[]> Regimes { get; set; } = [];

    public IReadOnlyList<int> ThresholdsFor(string regime) =>
        Regimes.TryGetValue(regime, out var list) ? list : Default.Length > 0 ? Default : BuiltIn;

    /// <summary>Checked at start-up: unknown regimes or thresholds below −1 stop the service with a clear message.</summary>
    public void Validate(RuleSet rules)
    {
        foreach (var (regime, list) in Regimes.Append(new("(default)", [.. ThresholdsFor("(default)")])))
        {
            if (regime != "(default)") rules.Get(regime);
            if (list.Any(t => t < -1))
                throw new InvalidOperationException($"{Section}: thresholds for {regime} must be days left ≥ 0, or −1 for 'overstay started'");
        }
    }
}
