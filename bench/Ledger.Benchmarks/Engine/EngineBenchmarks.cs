using BenchmarkDotNet.Attributes;
using Ledger.Projections.StayRules;

namespace Ledger.Benchmarks.Engine;

/// <summary>
/// The stay-rule engine on a 10-year history of 1,000 stays. "Prepared" benchmarks query a history already turned into
/// a timeline (what a long-lived projection or a batch of questions pays); "FromScratch" includes building it.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly StayRuleEngine _engine = new(RuleSet.Default.Get("schengen"));
    private TravelHistory _history = null!;
    private PreparedHistory _prepared = null!;
    private PreparedHistory _preparedForEarliest = null!;
    private TravelHistory _uncertainHistory = null!;
    private PreparedHistory _preparedUncertain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _history = TenYearHistory.Build();
        _prepared = _engine.Prepare(_history, TenYearHistory.ControlDate);
        _preparedForEarliest = _engine.Prepare(_history, TenYearHistory.ControlDate, DateOnly.MaxValue);
        _ = _prepared.Violations; // computed once per prepared history, like the projection would
        _uncertainHistory = TenYearHistory.BuildWithUncertainDays();
        _preparedUncertain = _engine.Prepare(_uncertainHistory, TenYearHistory.ControlDate);
        _ = _preparedUncertain.Violations;
        _ = _preparedUncertain.UndeterminedPeriods;
    }

    [Benchmark] public StayCheck CheckPrepared() => _prepared.Check(TenYearHistory.ControlDate);

    [Benchmark] public StayPlan PlanPrepared() => _prepared.Plan(TenYearHistory.ControlDate.AddDays(1));

    [Benchmark] public EarliestEntry EarliestPrepared() => _preparedForEarliest.Earliest(60, TenYearHistory.ControlDate.AddDays(1));

    [Benchmark] public StayCheck CheckFromScratch() => _engine.Check(_history, TenYearHistory.ControlDate);

    /// <summary>100 anomalies with 5 uncertain days each: two timelines, lower and upper figures.</summary>
    [Benchmark] public StayCheck CheckPreparedWithUncertainDays() => _preparedUncertain.Check(TenYearHistory.ControlDate);

    [Benchmark] public StayCheck CheckFromScratchWithUncertainDays() => _engine.Check(_uncertainHistory, TenYearHistory.ControlDate);

    [Benchmark] public int DailySeries365()
    {
        var unlawful = 0;
        foreach (var day in _prepared.Series(TenYearHistory.ControlDate.AddDays(-364), TenYearHistory.ControlDate))
            if (day.Unlawful) unlawful++;
        return unlawful;
    }
}
