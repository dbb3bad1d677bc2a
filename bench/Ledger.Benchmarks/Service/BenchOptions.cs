using Ledger.Screening;
namespace Ledger.Benchmarks.Service;

/// <summary>Sizes of a run (all overridable on the command line: --crossings 20000 --clients 16 ...).</summary>
public sealed record BenchOptions
{
    public int Crossings { get; init; } = 20_000;
    public int Clients { get; init; } = 16;
    /// <summary>Concurrent readers: on 2 cores, latency under K readers is about K / throughput, so reads use fewer.</summary>
    public int ReadClients { get; init; } = 2;
    public int Travellers { get; init; } = 100_000;
    public int EventsPerTraveller { get; init; } = 10;
    /// <summary>Expired crossings the retention benchmark seeds (two per traveller, among the others' events).</summary>
    public int ExpiredRecords { get; init; } = 100_000;
    public int Reads { get; init; } = 5_000;
    public int ReplayTravellers { get; init; } = 50;
    public int ReplayEvents { get; init; } = 200;
    /// <summary>The bulk path (<c>POST /imports</c>): crossings, the travellers they belong to, files sent at once.</summary>
    public int ImportCrossings { get; init; } = 100_000;
    public int ImportTravellers { get; init; } = 10_000;
    public int ImportFiles { get; init; } = 1;
    /// <summary>The store sizes (events) the growth benchmark measures at, smallest first.</summary>
    public long[] GrowthSizes { get; init; } = [1_000_000, 5_000_000];
    /// <summary>Kill-and-restart rounds of the restart benchmark (its figure is their median).</summary>
    public int Restarts { get; init; } = RestartBenchmark.Repeats;
    public string Admin { get; init; } = "";
    public string LedgerDll { get; init; } = "";
    /// <summary>bench/FloorHost: the ledger's host plus a bare [WriteAggregate] endpoint (the framework's write floor).</summary>
    public string FloorDll { get; init; } = "";
    public string Output { get; init; } = ".";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--crossings" => o with { Crossings = int.Parse(value) },
                "--clients" => o with { Clients = int.Parse(value) },
                "--read-clients" => o with { ReadClients = int.Parse(value) },
                "--travellers" => o with { Travellers = int.Parse(value) },
                "--events-per-traveller" => o with { EventsPerTraveller = int.Parse(value) },
                "--expired-records" => o with { ExpiredRecords = int.Parse(value) },
                "--reads" => o with { Reads = int.Parse(value) },
                "--replay-travellers" => o with { ReplayTravellers = int.Parse(value) },
                "--replay-events" => o with { ReplayEvents = int.Parse(value) },
                "--import-crossings" => o with { ImportCrossings = int.Parse(value) },
                "--import-travellers" => o with { ImportTravellers = int.Parse(value) },
                "--import-files" => o with { ImportFiles = int.Parse(value) },
                "--growth-sizes" => o with { GrowthSizes = value.Split(',').Select(long.Parse).Order().ToArray() },
                "--restarts" => o with { Restarts = int.Parse(value) },
                "--admin" => o with { Admin = value },
                "--ledger-dll" => o with { LedgerDll = value },
                "--floor-dll" => o with { FloorDll = value },
                "--output" => o with { Output = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Admin.Length == 0) throw new ArgumentException("--admin CONNECTION_STRING is required (bench/run provides it)");
        if (o.LedgerDll.Length == 0) throw new ArgumentException("--ledger-dll PATH is required (bench/run provides it)");
        if (o.FloorDll.Length == 0) throw new ArgumentException("--floor-dll PATH is required (bench/run provides it)");
        return o;
    }
}
