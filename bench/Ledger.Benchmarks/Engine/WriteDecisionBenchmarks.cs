using BenchmarkDotNet.Attributes;
using Ledger.Access;
using Ledger.Crossings;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Warnings;

namespace Ledger.Benchmarks.Engine;

/// <summary>
/// Our own share of one crossing write, without HTTP or the database: <see cref="CrossingDecision.Accept"/> and <see cref="Consequences.Decide"/> with its
/// consequences (pairing, stay rules, incidents, withdrawals, warnings, plans, the next scheduled check), as the
/// endpoint runs it on the snapshot it fetched. <c>Entry10th</c>: the ingest benchmark's traveller (9 crossings, 2-day
/// stays every 5 days) records its next entry; <c>EntryAfter1000Stays</c>: a lawful frequent traveller (1,000 such
/// stays, every 10 days) records the next.
/// </summary>
[MemoryDiagnoser]
public class WriteDecisionBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private readonly Caller _recorder = new("bench", new HashSet<Role> { Role.Recorder }, new HashSet<string>(), null);
    private readonly Consequences _consequences = new(new FixedClock(Today), new WarningOptions(), RuleSet.Default);
    private Traveller _short = null!, _long = null!;
    private CrossingInput _next = null!, _nextLong = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_short, _next) = Build(stays: 5, every: 5);
        (_long, _nextLong) = Build(stays: 1_000, every: 10);
    }

    [Benchmark] public object Entry10th() => Decide(_short, _next);

    [Benchmark] public object EntryAfter1000Stays() => Decide(_long, _nextLong);

    /// <summary>What <see cref="CrossingDecision.Decide"/> runs before it queues the later check in the write's session.</summary>
    private object Decide(Traveller traveller, CrossingInput input) =>
        _consequences.Decide(traveller, CrossingDecision.Accept(traveller, [input], _recorder).Fresh);

    /// <summary>A traveller with <paramref name="stays"/> − 1 closed 2-day stays every <paramref name="every"/> days and the entry of the last one to come.</summary>
    private static (Traveller, CrossingInput) Build(int stays, int every)
    {
        var id = Guid.NewGuid();
        var traveller = TravellerProjection.Evolve(null, new TravellerRegistered(id, ["US"], DateTimeOffset.UnixEpoch))!;
        string[] countries = ["FR", "DE", "IT", "ES"];
        var start = Today.AddDays(-1 - 2 - (stays - 1) * every);
        for (var s = 0; s < stays - 1; s++)
        {
            var entry = start.AddDays(s * every);
            traveller = traveller.Anticipate([
                new EntryRecorded(id, $"e{s}", countries[s % 4], entry, null, null, null, CrossingSource.BorderSystem),
                new ExitRecorded(id, $"x{s}", countries[s % 4], entry.AddDays(2), null, null, null, CrossingSource.BorderSystem)]);
        }
        var last = start.AddDays((stays - 1) * every);
        return (traveller, new CrossingInput($"e{stays - 1}", Direction.Entry, "FR", last, null, null, null, CrossingSource.BorderSystem));
    }

    private sealed class FixedClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}
