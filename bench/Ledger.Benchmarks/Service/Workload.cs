using Ledger.Projections.Crossings;

namespace Ledger.Benchmarks.Service;

/// <summary>Deterministic, valid crossing histories: alternating entry/exit, 3-day stays, 12 days apart, all in the past.</summary>
public static class Workload
{
    private static readonly string[] Countries = ["FR", "DE", "IT", "ES"];

    public sealed record PlannedCrossing(string CrossingId, Direction Direction, string Country, DateOnly Date);

    public static IReadOnlyList<PlannedCrossing> For(int traveller, int crossings)
    {
        var start = new DateOnly(2023, 1, 1).AddDays(traveller % 300);
        var list = new List<PlannedCrossing>(crossings);
        for (var i = 0; i < crossings; i++)
        {
            var stay = i / 2;
            var entry = start.AddDays(stay * 15);
            var date = i % 2 == 0 ? entry : entry.AddDays(3);
            list.Add(new PlannedCrossing($"c{i}", i % 2 == 0 ? Direction.Entry : Direction.Exit, Countries[(traveller + stay) % Countries.Length], date));
        }
        return list;
    }
}
