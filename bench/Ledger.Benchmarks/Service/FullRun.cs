using Npgsql;

namespace Ledger.Benchmarks.Service;

public static class FullRun
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine("engine (BenchmarkDotNet, short job) ...");
        var engine = EngineRun.Run(Path.Combine(o.Output, "BenchmarkDotNet.Artifacts"));

        Console.WriteLine($"restart: kill -9, start again, time to the first accepted write ({o.Restarts} times) ...");
        var restart = await RestartBenchmark.RunAsync(o.LedgerDll, await CreateDatabaseAsync(o.Admin, "bench_restart"), o.Restarts);
        Console.WriteLine($"  median {restart.RestartToFirstWriteSeconds:N2} s to the first write, {restart.RestartToHealthSeconds:N2} s to /health, {restart.RestartCpuSeconds:N2} CPU s");

        Console.WriteLine($"ingest: {o.Crossings:N0} crossings, {o.Clients} clients, through the service, in {IngestAndFloor.Rounds} rounds alternating with");
        Console.WriteLine("the floor (a bare [WriteAggregate] append, same host, same load) ...");
        var (ingest, floor) = await IngestAndFloor.RunAsync(o, await CreateDatabaseAsync(o.Admin, "bench_ingest"), await CreateDatabaseAsync(o.Admin, "bench_floor"));
        Console.WriteLine($"  ingest {ingest.PerSecond:N0}/s, p99 {ingest.P99Ms:N1} ms, peak {ingest.PeakWorkingSetMb:N0} MB; " +
            $"floor {floor.PerSecond:N0}/s, p99 {floor.P99Ms:N1} ms; ingest / floor {ingest.PerSecond / floor.PerSecond:N2}");

        Console.WriteLine($"same traveller: {SameTravellerBenchmark.Writers} writers at once, no retries ...");
        var conflictRate = await SameTravellerBenchmark.ConflictRateAsync(o, await CreateDatabaseAsync(o.Admin, "bench_same"));
        Console.WriteLine($"  409 share {conflictRate:P0}");

        Console.WriteLine("baseline: the same rows through plain Npgsql ...");
        var baseline = await BaselineBenchmark.RunAsync(o, await CreateDatabaseAsync(o.Admin, "bench_baseline"));
        Console.WriteLine($"  {baseline.PerSecond:N0}/s, p99 {baseline.P99Ms:N1} ms");

        Console.WriteLine($"import: {o.ImportCrossings:N0} crossings of {o.ImportTravellers:N0} travellers through POST /imports, and COPY ...");
        var import = await ImportBenchmark.RunAsync(o, await CreateDatabaseAsync(o.Admin, "bench_import"), await CreateDatabaseAsync(o.Admin, "bench_copy"),
            await CreateDatabaseAsync(o.Admin, "bench_import_floor"));
        Console.WriteLine($"  {import.ImportPerSecond:N0}/s, COPY {import.CopyPerSecond:N0}/s, ratio {import.ImportToCopy:N3}; " +
            $"floor {import.FloorPerSecond:N0}/s, import / floor {import.ImportToFloor:N2}");

        var readDb = await CreateDatabaseAsync(o.Admin, "bench_read");
        Console.WriteLine($"seeding {o.Travellers:N0} travellers ...");
        var (regular, longHistories, _) = await Seeder.SeedAsync(o, readDb);
        // Rebuild first: it also brings the async projections up to date, so the daemon is idle while reads are measured.
        Console.WriteLine("rebuild ...");
        var rebuild = await RebuildBenchmark.RunAsync(readDb);

        Console.WriteLine("reads ...");
        var (status, asKnownAt) = await ReadBenchmark.RunAsync(o, readDb, regular, longHistories);
        Console.WriteLine($"  status p99 {status.P99Ms:N2} ms, asKnownAt p99 {asKnownAt.P99Ms:N2} ms");

        var results = new Results(
            ingest.PerSecond, baseline.PerSecond, ingest.PerSecond / baseline.PerSecond, ingest.P50Ms, ingest.P99Ms, baseline.P99Ms,
            status.PerSecond, status.P50Ms, status.P99Ms, asKnownAt.P50Ms, asKnownAt.P99Ms,
            rebuild.EventsPerSecond, rebuild.Events,
            engine.GetValueOrDefault("CheckPrepared"), engine.GetValueOrDefault("PlanPrepared"), engine.GetValueOrDefault("EarliestPrepared"),
            engine.GetValueOrDefault("CheckFromScratch"), engine.GetValueOrDefault("DailySeries365"),
            ingest.PeakWorkingSetMb, floor.PerSecond, ingest.PerSecond / floor.PerSecond, conflictRate,
            restart.RestartToFirstWriteSeconds, restart.RestartToHealthSeconds, restart.RestartCpuSeconds,
            o with { Admin = "", LedgerDll = "", FloorDll = "" }, Machine.Describe(),
            DateTimeOffset.UtcNow)
        {
            ImportPerSecond = import.ImportPerSecond, CopyPerSecond = import.CopyPerSecond, ImportToCopy = import.ImportToCopy,
            ImportFloorPerSecond = import.FloorPerSecond, ImportToFloor = import.ImportToFloor, ImportFloorToCopy = import.FloorToCopy,
            ItineraryFiveLegsMicroseconds = engine.GetValueOrDefault("FiveLegsOn1000Stays"),
            WriteDecisionMicroseconds = engine.GetValueOrDefault("Entry10th"),
            WriteDecision1000StaysMicroseconds = engine.GetValueOrDefault("EntryAfter1000Stays"),
        };

        var markdown = Report.Markdown(results);
        var page = Path.Combine(o.Output, "docs", "benchmarks.md");
        // The figures are generated; the hand-written section from "## Running the benchmarks" on is kept as it is.
        const string handWritten = "## Running the benchmarks";
        var kept = File.Exists(page) && (await File.ReadAllTextAsync(page)) is var old && old.IndexOf(handWritten, StringComparison.Ordinal) is >= 0 and var at
            ? "\n" + old[at..]
            : "";
        await File.WriteAllTextAsync(page, markdown.TrimEnd() + "\n" + kept);
        await File.WriteAllTextAsync(Path.Combine(o.Output, "bench", "results.json"), await Report.KeepingOwnRunsAsync(Path.Combine(o.Output, "bench", "results.json"), Report.Json(results)));
        Console.WriteLine();
        Console.WriteLine(markdown);
        return 0;
    }

    public static async Task<string> CreateDatabaseAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }
}
