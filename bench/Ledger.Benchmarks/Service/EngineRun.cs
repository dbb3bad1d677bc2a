using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Ledger.Benchmarks.Engine;

namespace Ledger.Benchmarks.Service;

public static class EngineRun
{
    /// <summary>BenchmarkDotNet (short job) on the engine, the itinerary check and the write decision; mean microseconds per benchmark method.</summary>
    public static IReadOnlyDictionary<string, double> Run(string artifacts)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        // The engine, the itinerary check (target: under 100 µs) and our own share of a crossing write (no HTTP, no database).
        var summaries = BenchmarkRunner.Run([typeof(EngineBenchmarks), typeof(ItineraryBenchmarks), typeof(WriteDecisionBenchmarks)], config);
        return summaries.SelectMany(summary => summary.Reports)
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics!.Mean / 1000.0);
    }
}
