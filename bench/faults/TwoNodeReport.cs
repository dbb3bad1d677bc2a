namespace Ledger.Faults;

/// <summary>The two-node runs' targets and their rows in the printed table: one block per run, then the worst run.</summary>
public static class TwoNodeReport
{
    /// <summary>How late a midnight check may issue its warning (the catch-up's bound, 20 + 10 s, with room for load).</summary>
    public const double CheckDelayTargetSeconds = 60;

    public static string Row(string name, object value, string target) => $"| {name,-42} | {value,12} | {target,-8} |";

    public static IEnumerable<string> Misses(TwoNodeResult r)
    {
        var run = $"two nodes (seed {r.Seed}, killed {(r.KilledWasLeader ? "the leader" : "the other node")})";
        if (r.Lost > 0 || r.Duplicated > 0 || r.Other5xx > 0) yield return $"{run}: {r.Lost} lost, {r.Duplicated} duplicated, {r.Other5xx} 5xx other than 503";
        if (r.WarningsIssued != r.WarningsExpected || r.WarningsIssuedTwice > 0 || r.ScheduledFired != r.ScheduledExpected)
            yield return $"{run}: {r.WarningsIssued} of {r.WarningsExpected} warnings issued ({r.WarningsIssuedTwice} twice), {r.ScheduledFired} of {r.ScheduledExpected} scheduled checks fired";
        if (r.CheckDelayMaxSeconds > CheckDelayTargetSeconds) yield return $"{run}: a midnight check issued its warning {r.CheckDelayMaxSeconds:F1} s after it was due (target <= {CheckDelayTargetSeconds} s)";
        if (r.AlertsMissing > 0 || r.AlertsDuplicated > 0 || r.UndeliveredWarnings > 0)
            yield return $"{run}: {r.AlertsMissing} warnings missing from /alerts, {r.AlertsDuplicated} duplicated there, {r.UndeliveredWarnings} never delivered";
        if (r.KilledSecondsBeforeMidnight <= 0) yield return $"{run}: the node was killed after the scheduled checks came due (start-up too slow for the lead)";
        if (r.Killed == KillTarget.Leader && !r.KilledWasLeader) yield return $"{run}: the leader was to be killed, but another node was";
        if (r.ShardsMovedToSurvivor != r.ShardsOnKilledNode)
            yield return $"{run}: {r.ShardsMovedToSurvivor} of the {r.ShardsOnKilledNode} async shards of the killed node moved to the survivor";
        if (!r.Sweep.ErasedOnce)
            yield return $"{run}: two sweeps at once: {r.Sweep.OwnErased} of the run's {r.Sweep.Expected} expired records erased; the answers say {r.Sweep.AnsweredErased}, the store's facts {r.Sweep.StoreFactsErased}; {r.Sweep.FilesErasedTwice} files twice";
        if (r.SurvivorCaughtUpSeconds is null) yield return $"{run}: the survivor's async projections did not catch up within 90 s";
    }

    public static IEnumerable<string> Table(IReadOnlyList<TwoNodeResult> runs)
    {
        foreach (var r in runs)
        {
            var name = $"two nodes ({(r.KilledWasLeader ? "leader" : "other")} killed, seed {r.Seed})";
            yield return Row(name, "", "");
            yield return Row("  writes acknowledged / lost / dup", $"{r.Acknowledged} / {r.Lost} / {r.Duplicated}", "- / 0 / 0");
            yield return Row("  killed after / before midnight (s)", $"{r.KilledAfterSeconds:F1} / {r.KilledSecondsBeforeMidnight:F1}", "- / > 0");
            yield return Row("  shards on the killed node / moved", $"{r.ShardsOnKilledNode} of {r.Shards} / {r.ShardsMovedToSurvivor}", "= moved");
            yield return Row("  requests sent to the other node", r.SwitchedNode, "");
            yield return Row("  warnings issued / expected (twice)", $"{r.WarningsIssued} / {r.WarningsExpected} ({r.WarningsIssuedTwice})", "= (0)");
            yield return Row("  midnight checks fired / expected", $"{r.ScheduledFired} / {r.ScheduledExpected}", "=");
            yield return Row("  check delay (due to issued) max / median s", $"{Seconds(r.CheckDelayMaxSeconds)} / {Seconds(r.CheckDelayMedianSeconds)}", $"<= {CheckDelayTargetSeconds}");
            yield return Row("  /alerts missing / duplicated", $"{r.AlertsMissing} / {r.AlertsDuplicated}", "0 / 0");
            yield return Row("  delivered / never / repeats", $"{r.DeliveredWarnings} / {r.UndeliveredWarnings} / {r.RepeatDeliveries}", "- / 0 / -");
            yield return Row("  two sweeps: own erased / expected", $"{r.Sweep.OwnErased} / {r.Sweep.Expected}", "=");
            yield return Row("  two sweeps: answered / store's new facts", $"{r.Sweep.AnsweredErased} / {r.Sweep.StoreFactsErased}", "=");
            yield return Row("  survivor caught up (s)", r.SurvivorCaughtUpSeconds?.ToString("F1") ?? "never", "<= 90");
        }
        if (runs.Count < 2) yield break;
        var worst = runs.MaxBy(r => r.CheckDelayMaxSeconds ?? 0)!;
        yield return Row($"two nodes, worst of {runs.Count} runs (seed {worst.Seed})", "", "");
        yield return Row("  check delay max (s)", Seconds(worst.CheckDelayMaxSeconds), $"<= {CheckDelayTargetSeconds}");
        yield return Row("  midnight checks fired / expected, min", $"{runs.Min(r => r.ScheduledFired)} / {runs.Max(r => r.ScheduledExpected)}", "=");
        yield return Row("  warnings issued twice, total", runs.Sum(r => r.WarningsIssuedTwice), "0");
        yield return Row("  runs with a missed target", runs.Count(r => Misses(r).Any()), "0");
    }

    private static string Seconds(double? s) => s?.ToString("F1") ?? "-";
}
