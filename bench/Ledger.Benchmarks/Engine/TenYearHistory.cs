using Ledger.Projections.StayRules;

namespace Ledger.Benchmarks.Engine;

/// <summary>A frequent traveller: 1,000 short stays over ten years (2015-2024), deterministic.</summary>
public static class TenYearHistory
{
    public static readonly DateOnly First = new(2015, 1, 1);
    public static readonly DateOnly ControlDate = new(2024, 12, 31);

    public static TravelHistory Build(int stays = 1000)
    {
        var random = new Random(42);
        string[] countries = ["FR", "DE", "IT", "ES", "NL", "HR", "IE"];
        var span = ControlDate.DayNumber - First.DayNumber;
        var list = new List<Stay>(stays);
        for (var i = 0; i < stays; i++)
        {
            var entry = First.AddDays(i * span / stays);
            list.Add(new Stay(entry, entry.AddDays(random.Next(0, 3)), countries[random.Next(countries.Length)]));
        }
        return new TravelHistory(list);
    }

    /// <summary>The same history with <paramref name="spans"/> anomalies, each leaving 5 days uncertain between stays.</summary>
    public static TravelHistory BuildWithUncertainDays(int stays = 1000, int spans = 100)
    {
        var history = Build(stays);
        var span = ControlDate.DayNumber - First.DayNumber;
        var uncertain = Enumerable.Range(0, spans)
            .Select(i => First.AddDays(i * span / spans + 1))
            .Select((first, i) => new UncertainDays($"anomaly-{i}", "FR", first, first.AddDays(4)))
            .ToList();
        return history with { Uncertain = uncertain };
    }
}
