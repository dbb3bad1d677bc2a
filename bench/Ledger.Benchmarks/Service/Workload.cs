using Ledger.Projections.Crossings;

namespace Ledger.Benchmarks.Service;

/// <summary>
/// Deterministic, valid crossing histories as a live border system records them: alternating entry/exit, 2-day stays
/// every 5 days, the last exit yesterday. (Backfilling old entries one by one would make each traveller look inside,
/// and overstaying, until its exit arrives; backfills go through /crossings/batch.)
/// </summary>
public static class Workload
{
    public static readonly string[] Countries = ["FR", "DE", "IT", "ES"];

    public sealed record PlannedCrossing(string CrossingId, Direction Direction, string Country, DateOnly Date);

    public static IReadOnlyList<PlannedCrossing> For(int traveller, int crossings)
    {
        var stays = (crossings + 1) / 2;
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - 2 - (stays - 1) * 5);
        var list = new List<PlannedCrossing>(crossings);
        for (var i = 0; i < crossings; i++)
        {
            var stay = i / 2;
            var entry = start.AddDays(stay * 5);
            var date = i % 2 == 0 ? entry : entry.AddDays(2);
            list.Add(new PlannedCrossing($"c{i}", i % 2 == 0 ? Direction.Entry : Direction.Exit, Countries[(traveller + stay) % Countries.Length], date));
        }
        return list;
    }
}
