using BenchmarkDotNet.Running;
using Ledger.Benchmarks.Service;

// `engine [BenchmarkDotNet args]`: the engine benchmarks alone.
// `all --admin CS --ledger-dll PATH [sizes]`: everything (what bench/run calls).
// `import --admin CS --ledger-dll PATH [sizes]`: the import benchmark alone (bench/run --only import).
if (args.Length > 0 && args[0] == "import")
    return await ImportRun.RunAsync(BenchOptions.Parse(args[1..]));
// `ingest` / `reads --admin CS --ledger-dll PATH --floor-dll PATH [sizes]`: one part alone, printed only (bench/run --only ingest|reads).
if (args.Length > 0 && args[0] == "ingest")
    return await FocusedRuns.IngestAsync(BenchOptions.Parse(args[1..]));
if (args.Length > 0 && args[0] == "reads")
    return await FocusedRuns.ReadsAsync(BenchOptions.Parse(args[1..]));
// `retention --admin CS --ledger-dll PATH [--expired-records N] [sizes]`: one retention sweep alone (bench/run --only retention).
if (args.Length > 0 && args[0] == "retention")
    return await RetentionBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
// `growth --admin CS --ledger-dll PATH [--growth-sizes 1000000,5000000] [sizes]`: status and import at each store size (bench/run --only growth).
if (args.Length > 0 && args[0] == "growth")
    return await GrowthBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
// `restart --admin CS --ledger-dll PATH`: kill -9 to the first accepted write alone (prints, writes no file).
if (args.Length > 0 && args[0] == "all")
    return await FullRun.RunAsync(BenchOptions.Parse(args[1..]));
if (args.Length > 0 && args[0] == "restart")
{
    var o = BenchOptions.Parse(args[1..]);
    var restart = await RestartBenchmark.RunAsync(o.LedgerDll, await FullRun.CreateDatabaseAsync(o.Admin, "bench_restart"), o.Restarts);
    Console.WriteLine($"restartToFirstWriteSeconds {restart.RestartToFirstWriteSeconds:N2} (median), restartToHealthSeconds {restart.RestartToHealthSeconds:N2}, " +
        $"first write itself {restart.FirstWriteMs:N0} ms, {restart.RestartCpuSeconds:N2} CPU s (medians)");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length > 0 && args[0] == "engine" ? args[1..] : args);
return 0;
