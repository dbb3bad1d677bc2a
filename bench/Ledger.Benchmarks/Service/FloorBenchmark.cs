using System.Net;
using System.Net.Http.Json;

namespace Ledger.Benchmarks.Service;

/// <summary>
/// The framework's floor for a single write (bench/FloorHost: the ledger's own host plus a bare [WriteAggregate]
/// endpoint appending one event), with the same travellers, appends per traveller and clients as the ingest run.
/// </summary>
public static class FloorBenchmark
{
    /// <summary>The floor host started and warmed up, its travellers registered; <see cref="Prepared.RoundAsync"/> sends their writes.</summary>
    public static async Task<Prepared> PrepareAsync(BenchOptions o, string connectionString)
    {
        var service = await ServiceProcess.StartAsync(o.FloorDll, connectionString);
        var travellers = Math.Max(1, o.Crossings / IngestBenchmark.CrossingsPerTraveller);
        var warmUp = await RegisterAsync(service, IngestBenchmark.WarmUpTravellers, o.Clients);
        // The same warm-up under load as the ingest run's.
        await Latencies.RunAsync(warmUp, o.Clients, async (id, _) =>
        {
            for (var n = 0; n < 10; n++) (await service.Http.PostAsync($"/travellers/{id}/bench-floor/{n}", null)).EnsureSuccessStatusCode();
        });
        var ids = await RegisterAsync(service, travellers, o.Clients);
        await service.SettleAsync();
        return new Prepared(service, ids, o.Clients);
    }

    public sealed class Prepared(ServiceProcess service, IReadOnlyList<Guid> ids, int clients) : IAsyncDisposable
    {
        /// <summary>Round <paramref name="round"/> of <paramref name="rounds"/>: as many appends per traveller as the ingest run's crossings.</summary>
        public Task<Latencies> RoundAsync(int round, int rounds) =>
            Latencies.RunAsync(IngestBenchmark.Slice(ids.Count, round, rounds), clients, async (t, lat) =>
            {
                for (var n = 0; n < IngestBenchmark.CrossingsPerTraveller; n++)
                {
                    var response = await lat.TimeAsync(() => service.Http.PostAsync($"/travellers/{ids[t]}/bench-floor/{n}", null));
                    if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"floor write refused: {(int)response.StatusCode}");
                }
            });

        public IngestResult Result(Latencies all) =>
            new(all.Count, clients, all.PerSecond, all.Percentile(50), all.Percentile(99), service.PeakWorkingSetMb());

        public ValueTask DisposeAsync() => service.DisposeAsync();
    }

    private static async Task<IReadOnlyList<Guid>> RegisterAsync(ServiceProcess service, int count, int clients)
    {
        var ids = new Guid[count];
        await Latencies.RunAsync(Enumerable.Range(0, count).ToList(), clients, async (t, _) =>
        {
            var response = await service.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
            response.EnsureSuccessStatusCode();
            ids[t] = (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        });
        return ids;
    }

    private sealed record IdOnly(Guid Id);
}

/// <summary>
/// Fifty writers post a one-day trip each (its entry and exit in one batch) on the same traveller at the same moment,
/// without retrying: the share of 409s (target 0: writers on one traveller queue on the stream instead of failing).
/// Any other failure, or an acknowledged crossing missing when the record is read back, stops the benchmark.
/// </summary>
public static class SameTravellerBenchmark
{
    public const int Writers = 50;

    public static async Task<double> ConflictRateAsync(BenchOptions o, string connectionString)
    {
        await using var service = await ServiceProcess.StartAsync(o.LedgerDll, connectionString);
        var registered = await service.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
        var id = (await registered.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-170);
        using var go = new SemaphoreSlim(0);
        var writes = Enumerable.Range(0, Writers).Select(async i =>
        {
            await go.WaitAsync();
            // One-day trips, one per writer, in any order: each writer's entry and exit are one batch.
            var day = start.AddDays(3 * i).ToString("yyyy-MM-dd");
            var response = await service.Http.PostAsJsonAsync($"/travellers/{id}/crossings/batch", new
            {
                crossings = new object[]
                {
                    new { crossingId = $"in-{i}", direction = "entry", country = "FR", date = day },
                    new { crossingId = $"out-{i}", direction = "exit", country = "FR", date = day },
                },
            });
            return response.StatusCode;
        }).ToList();
        go.Release(Writers);
        var statuses = await Task.WhenAll(writes);
        var unexpected = statuses.Where(s => s is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).ToList();
        if (unexpected.Count > 0) throw new InvalidOperationException($"same-traveller writers got {string.Join(", ", unexpected.Distinct())}");
        var kept = (await service.Http.GetFromJsonAsync<CrossingsOnly>($"/travellers/{id}/crossings"))!.Crossings.Count;
        var acknowledged = 2 * statuses.Count(s => s == HttpStatusCode.OK);
        if (kept != acknowledged) throw new InvalidOperationException($"same-traveller writers: {acknowledged} crossings acknowledged, {kept} kept");
        return statuses.Count(s => s == HttpStatusCode.Conflict) / (double)Writers;
    }

    private sealed record IdOnly(Guid Id);

    private sealed record CrossingsOnly(IReadOnlyList<object> Crossings);
}
