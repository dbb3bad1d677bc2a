namespace Ledger.Benchmarks.Service;

/// <summary>
/// One part of the full run alone, printed and not written to results (for profiling and before/after comparisons):
/// <c>bench/run --only ingest</c> (single-crossing ingest and the floor) and <c>bench/run --only reads</c> (seed,
/// then status and as-known-at reads). Figures worth keeping come from a full quiet run.
/// </summary>
public static class FocusedRuns
{
    public static async Task<int> IngestAsync(BenchOptions o)
    {
        Console.WriteLine($"ingest and floor: {o.Crossings:N0} crossings each, {o.Clients} clients, {IngestAndFloor.Rounds} alternating rounds ...");
        var (ingest, floor) = await IngestAndFloor.RunAsync(o, await FullRun.CreateDatabaseAsync(o.Admin, "bench_ingest"),
            await FullRun.CreateDatabaseAsync(o.Admin, "bench_floor"));
        Console.WriteLine($"  ingestPerSecond {ingest.PerSecond:N0} (p50 {ingest.P50Ms:N1} ms, p99 {ingest.P99Ms:N1} ms), " +
            $"floorPerSecond {floor.PerSecond:N0}; ingestToFloor {ingest.PerSecond / floor.PerSecond:N3}");
        return 0;
    }

    public static async Task<int> ReadsAsync(BenchOptions o)
    {
        var readDb = await FullRun.CreateDatabaseAsync(o.Admin, "bench_read");
        Console.WriteLine($"seeding {o.Travellers:N0} travellers ...");
        var (regular, longHistories, _) = await Seeder.SeedAsync(o, readDb);
        Console.WriteLine("catching up the projections ...");
        await RebuildBenchmark.RunAsync(readDb);
        var (status, asKnownAt) = await ReadBenchmark.RunAsync(o, readDb, regular, longHistories);
        Console.WriteLine($"  status {status.PerSecond:N0}/s p50 {status.P50Ms:N2} p99 {status.P99Ms:N2} ms; " +
            $"asKnownAt p50 {asKnownAt.P50Ms:N2} p99 {asKnownAt.P99Ms:N2} ms");
        return 0;
    }
}
