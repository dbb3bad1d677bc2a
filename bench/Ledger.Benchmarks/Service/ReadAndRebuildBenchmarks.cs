using System.Diagnostics;
using Marten;

namespace Ledger.Benchmarks.Service;

public sealed record ReadResult(int Requests, double PerSecond, double P50Ms, double P99Ms);

public static class ReadBenchmark
{
    /// <summary>Status requests for random travellers, and as-known-at replays of long histories, K concurrent clients.</summary>
    public static async Task<(ReadResult Status, ReadResult AsKnownAt)> RunAsync(BenchOptions o, string connectionString, Guid[] regular, Guid[] longHistories)
    {
        await using var service = await ServiceProcess.StartAsync(o.LedgerDll, connectionString);
        await IngestBenchmark.WarmUpAsync(service);
        var random = new Random(7);
        // The measured load itself once, unmeasured: after a shorter warm-up the tiered JIT was still recompiling
        // during the measured reads (perf: half a core for four seconds).
        var warmup = Enumerable.Range(0, o.Reads).Select(_ => regular[random.Next(regular.Length)]).ToList();
        await Latencies.RunAsync(warmup, o.ReadClients, async (id, _) => (await service.Http.GetAsync($"/travellers/{id}/status")).EnsureSuccessStatusCode());
        // Replays of long histories run code the short warm-up barely touches (folding hundreds of events).
        await Latencies.RunAsync(longHistories.Concat(longHistories).Take(100).ToList(), o.ReadClients, async (id, _) =>
            (await service.Http.GetAsync($"/travellers/{id}/status?asKnownAt={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}")).EnsureSuccessStatusCode());
        await service.SettleAsync();

        var picks = Enumerable.Range(0, o.Reads).Select(_ => regular[random.Next(regular.Length)]).ToList();
        var status = await Latencies.RunAsync(picks, o.ReadClients, async (id, lat) =>
            (await lat.TimeAsync(() => service.Http.GetAsync($"/travellers/{id}/status"))).EnsureSuccessStatusCode());

        var instant = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(5).ToString("O"));
        var replays = Enumerable.Range(0, Math.Max(200, o.Reads / 5)).Select(_ => longHistories[random.Next(longHistories.Length)]).ToList();
        var asKnownAt = await Latencies.RunAsync(replays, o.ReadClients, async (id, lat) =>
            (await lat.TimeAsync(() => service.Http.GetAsync($"/travellers/{id}/status?asKnownAt={instant}"))).EnsureSuccessStatusCode());

        return (new ReadResult(status.Count, status.PerSecond, status.Percentile(50), status.Percentile(99)),
            new ReadResult(asKnownAt.Count, asKnownAt.PerSecond, asKnownAt.Percentile(50), asKnownAt.Percentile(99)));
    }
}

public sealed record RebuildResult(long Events, int Projections, double Seconds, double EventsPerSecond);

public static class RebuildBenchmark
{
    /// <summary>
    /// Rebuilds every projection (the inline snapshot and the async ones) from all events, all at once: each rebuild
    /// reads the whole event log itself, and on two cores running them side by side is what an operator would do.
    /// </summary>
    public static async Task<RebuildResult> RunAsync(string connectionString)
    {
        using var store = Seeder.Store(connectionString);
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().LongCountAsync();
        using var daemon = await store.BuildProjectionDaemonAsync();
        string[] names = ["Traveller", "BorderTraffic", "AlertFeed"];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(names.Select(async name =>
        {
            var one = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(10), CancellationToken.None);
            Console.WriteLine($"  rebuilt {name} from {events:N0} events in {one.Elapsed.TotalSeconds:N1} s");
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        return new RebuildResult(events, names.Length, seconds, events / seconds);
    }
}
