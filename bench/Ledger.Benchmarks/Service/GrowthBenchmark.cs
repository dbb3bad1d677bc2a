using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;

namespace Ledger.Benchmarks.Service;

/// <summary>One store size: the status reads and the import measured with that many events in the store.</summary>
public sealed record GrowthPoint(long Events, int Travellers, double StatusPerSecond, double StatusP50Ms, double StatusP99Ms,
    int ImportCrossings, double ImportPerSecond, double SeedSeconds, double RebuildSeconds);

/// <summary>The points, smallest store first, and the largest's figures over the smallest's (cost should stay flat).</summary>
public sealed record GrowthResult(IReadOnlyList<GrowthPoint> Points, double StatusP99Growth, double ImportSlowdown, double Target,
    string Machine, DateTimeOffset MeasuredAt);

/// <summary>
/// <c>bench/run --only growth</c>: does a bigger store make the ledger slower? One database grows to each of
/// <c>--growth-sizes</c> (default 1,000,000 and 5,000,000 events: travellers of <c>--events-per-traveller</c> events,
/// loaded through Marten as the read benchmark does, every projection rebuilt so the daemon is idle); at each size the
/// published service answers <c>--reads</c> status requests for random travellers (p50, p99) and one import of
/// <c>--import-crossings</c> crossings of <c>--import-travellers</c> new travellers (crossings/s). The goal: at the
/// largest size, status p99 at most 1.5 times, and import at least 1 / 1.5 of, the smallest size's figure. Written to
/// <c>bench/results.json</c> under <c>growth</c> (the rest of the file is kept).
/// </summary>
public static class GrowthBenchmark
{
    public const double Target = 1.5;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var db = await FullRun.CreateDatabaseAsync(o.Admin, "bench_growth");
        var travellers = new List<Guid>();
        var points = new List<GrowthPoint>();
        long events = 0;
        foreach (var size in o.GrowthSizes)
        {
            var more = (int)Math.Max(0, (size - events) / o.EventsPerTraveller);
            Console.WriteLine($"growth: loading {more:N0} more travellers x {o.EventsPerTraveller} events (to about {size:N0} events) ...");
            var (regular, _, took) = await Seeder.SeedAsync(o with { Travellers = more, ReplayTravellers = 0 }, db);
            travellers.AddRange(regular);
            Console.WriteLine("  rebuilding every projection, so the daemon is idle while measuring ...");
            var rebuild = await RebuildBenchmark.RunAsync(db);
            events = rebuild.Events;
            var point = await MeasureAsync(o, db, travellers, events, took.TotalSeconds, rebuild.Seconds);
            Console.WriteLine($"  {events:N0} events: status {point.StatusPerSecond:N0}/s p50 {point.StatusP50Ms:N2} ms p99 {point.StatusP99Ms:N2} ms; " +
                $"import {point.ImportPerSecond:N0} crossings/s");
            points.Add(point);
            events += point.ImportCrossings; // the import's crossings stay in the store
        }
        var (first, last) = (points[0], points[^1]);
        var result = new GrowthResult(points, last.StatusP99Ms / first.StatusP99Ms, first.ImportPerSecond / last.ImportPerSecond, Target,
            Machine.Describe(), DateTimeOffset.UtcNow);
        Console.WriteLine($"growth from {first.Events:N0} to {last.Events:N0} events: status p99 x{result.StatusP99Growth:N2}, import slower x{result.ImportSlowdown:N2} " +
            $"(goal: each <= {Target})");
        await Report.SetFiguresAsync(o.Output, ("growth", JsonSerializer.SerializeToNode(result, new JsonSerializerOptions(JsonSerializerDefaults.Web))));
        return 0;
    }

    private static async Task<GrowthPoint> MeasureAsync(BenchOptions o, string db, List<Guid> travellers, long events, double seedSeconds, double rebuildSeconds)
    {
        await using var service = await ServiceProcess.StartAsync(o.LedgerDll, db);
        await IngestBenchmark.WarmUpAsync(service);
        var random = new Random(11);
        // Reads: the measured load once unmeasured (tiered JIT), then measured, as the read benchmark does.
        async Task ReadAsync(Guid id, Latencies lat) => (await lat.TimeAsync(() => service.Http.GetAsync($"/travellers/{id}/status"))).EnsureSuccessStatusCode();
        await Latencies.RunAsync(Enumerable.Range(0, o.Reads).Select(_ => travellers[random.Next(travellers.Count)]).ToList(), o.ReadClients, ReadAsync);
        await service.SettleAsync();
        var status = await Latencies.RunAsync(Enumerable.Range(0, o.Reads).Select(_ => travellers[random.Next(travellers.Count)]).ToList(), o.ReadClients, ReadAsync);

        // Import: new travellers registered unmeasured, the path warmed up, then one file on a quiet machine.
        var importing = Enumerable.Range(0, o.ImportTravellers).Select(_ => Guid.NewGuid()).ToArray();
        var perTraveller = Math.Max(1, o.ImportCrossings / o.ImportTravellers);
        var file = new StringBuilder();
        foreach (var (id, c) in importing.SelectMany((id, t) => Workload.For(t, perTraveller).Select(c => (id, c))).OrderBy(_ => random.Next()))
            file.Append(ImportBenchmark.Line(id, c)).Append('\n');
        await ImportBenchmark.RegisterAsync(db, importing);
        await ImportBenchmark.WarmUpAsync(service, () => $"/imports?importId=growth-warm-up-{Guid.NewGuid():N}");
        await service.SettleAsync();
        await ImportBenchmark.AutovacuumDoneAsync(db);
        var (recorded, seconds) = await ImportBenchmark.TimeAsync(service, [file.ToString()], _ => $"/imports?importId=growth-{events}", "recorded");
        return new GrowthPoint(events, travellers.Count, status.PerSecond, status.Percentile(50), status.Percentile(99),
            recorded, recorded / seconds, seedSeconds, rebuildSeconds);
    }
}
