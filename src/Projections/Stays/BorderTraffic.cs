using Ledger.Projections.Crossings;
using Marten.Events.Projections;

namespace Ledger.Projections.Stays;

/// <summary>Crossings per country and day, across all travellers: a statistic for border agencies.</summary>
public sealed class BorderTraffic
{
    public string Id { get; set; } = "";
    public string Country { get; set; } = "";
    public DateOnly Date { get; set; }
    public int Entries { get; set; }
    public int Exits { get; set; }

    public static string KeyFor(string country, DateOnly date) => $"{country}:{date:yyyy-MM-dd}";
}
