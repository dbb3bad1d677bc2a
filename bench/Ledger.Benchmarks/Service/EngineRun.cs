using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Ledger.Benchmarks.Engine;

namespace Ledger.Benchmarks.Service;

public static class EngineRun
{
    /// <summary>BenchmarkDotNet (short job) on the engine; returns mean microseconds per benchmark method.</summary>
    public static IReadOnlyDictionary<string, double> Run(string artifacts)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<EngineBenchmarks>(config);
        return summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics!.Mean / 1000.0);
    }
}
