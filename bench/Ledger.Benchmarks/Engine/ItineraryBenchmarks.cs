using BenchmarkDotNet.Attributes;
using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;

namespace Ledger.Benchmarks.Engine;

/// <summary>
/// The itinerary check (target: under 100 µs): 5 legs (Schengen twice, the UK, the US under the VWP, Denmark)
/// for a US national on the 10-year history of 1,000 stays, everything from scratch (no prepared timeline).
/// </summary>
[MemoryDiagnoser]
public class ItineraryBenchmarks
{
    private TravelHistory _history = null!;
    private readonly Leg[] _legs =
    [
        new("FR", new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 20)),
        new("GB", new DateOnly(2025, 1, 21), new DateOnly(2025, 1, 28)),
        new("DE", new DateOnly(2025, 1, 29), new DateOnly(2025, 2, 18)),
        new("US", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 14)),
        new("DK", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 10)),
    ];

    [GlobalSetup]
    public void Setup() => _history = TenYearHistory.Build() with { Nationalities = ["US"] };

    [Benchmark] public ItineraryAnswer FiveLegsOn1000Stays() => ItineraryCheck.Run(RuleSet.Default, _history, [], _legs);
}
