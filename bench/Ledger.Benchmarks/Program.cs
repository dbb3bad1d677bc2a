using BenchmarkDotNet.Running;
using Ledger.Benchmarks.Service;

// `engine [BenchmarkDotNet args]`: the engine benchmarks alone.
// `all --admin CS --ledger-dll PATH [sizes]`: everything (what bench/run calls).
// `import --admin CS --ledger-dll PATH [sizes]`: the import benchmark alone (bench/run --only import).
if (args.Length > 0 && args[0] == "import")
    return await ImportRun.RunAsync(BenchOptions.Parse(args[1..]));
if (args.Length > 0 && args[0] == "all")
    return await FullRun.RunAsync(BenchOptions.Parse(args[1..]));

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length > 0 && args[0] == "engine" ? args[1..] : args);
return 0;
