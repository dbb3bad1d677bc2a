using System.Net.Http.Json;
using Npgsql;

namespace Ledger.Benchmarks.Service;

public sealed record IngestResult(int Crossings, int Clients, double PerSecond, double P50Ms, double P99Ms, double PeakWorkingSetMb);

/// <summary>N crossings through the real HTTP API with K concurrent clients, against the real service process.</summary>
public static class IngestBenchmark
{
    public const int CrossingsPerTraveller = 10;

    /// <summary>Travellers whose writes warm a service up under load before measuring (3,000 writes).</summary>
    public const int WarmUpTravellers = 300;

    /// <summary>The service started and warmed up, its travellers registered; <see cref="Prepared.RoundAsync"/> sends their crossings.</summary>
    public static async Task<Prepared> PrepareAsync(BenchOptions o, string connectionString)
    {
        var service = await ServiceProcess.StartAsync(o.LedgerDll, connectionString);
        await WarmUpAsync(service);
        // Then the measured path under the measured concurrency (its own travellers): the floor gets the same.
        await Latencies.RunAsync(Enumerable.Range(0, WarmUpTravellers).ToList(), o.Clients, async (t, _) =>
        {
            var id = await RegisterAsync(service);
            foreach (var c in Workload.For(300_000 + t, CrossingsPerTraveller)) (await PostCrossingAsync(service, id, c)).EnsureSuccessStatusCode();
        });
        var ids = new Guid[Math.Max(1, o.Crossings / CrossingsPerTraveller)];
        await Latencies.RunAsync(Enumerable.Range(0, ids.Length).ToList(), o.Clients, async (t, _) => ids[t] = await RegisterAsync(service));
        await service.SettleAsync();
        return new Prepared(service, ids, o.Clients);
    }

    public sealed class Prepared(ServiceProcess service, Guid[] ids, int clients) : IAsyncDisposable
    {
        /// <summary>Round <paramref name="round"/> of <paramref name="rounds"/>: every crossing of one slice of the travellers, by the clients.</summary>
        public Task<Latencies> RoundAsync(int round, int rounds) =>
            Latencies.RunAsync(Slice(ids.Length, round, rounds), clients, async (t, lat) =>
            {
                foreach (var c in Workload.For(t, CrossingsPerTraveller))
                {
                    var response = await lat.TimeAsync(() => PostCrossingAsync(service, ids[t], c));
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"crossing refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            });

        public IngestResult Result(Latencies all) =>
            new(all.Count, clients, all.PerSecond, all.Percentile(50), all.Percentile(99), service.PeakWorkingSetMb());

        public ValueTask DisposeAsync() => service.DisposeAsync();
    }

    /// <summary>The indexes of round <paramref name="round"/>'s share of <paramref name="count"/> items.</summary>
    public static IReadOnlyList<int> Slice(int count, int round, int rounds) =>
        Enumerable.Range(count * round / rounds, count * (round + 1) / rounds - count * round / rounds).ToList();

    /// <summary>
    /// The runtime compiles and then recompiles (tiered JIT) the hot paths in the first seconds of traffic: exercise
    /// every path once before measuring (writes, status and as-known-at reads, about a thousand requests). Each
    /// benchmark then warms its own path under its own load and waits for the service to settle.
    /// </summary>
    public static async Task WarmUpAsync(ServiceProcess service)
    {
        for (var i = 0; i < 100; i++)
        {
            var id = await RegisterAsync(service);
            foreach (var c in Workload.For(100_000 + i, 8)) await PostCrossingAsync(service, id, c);
            await service.Http.GetAsync($"/travellers/{id}/status");
            await service.Http.GetAsync($"/travellers/{id}/status?asKnownAt={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}");
        }
    }

    /// <summary>Registers a traveller through the API, as a border system would.</summary>
    private static async Task<Guid> RegisterAsync(ServiceProcess service)
    {
        var response = await service.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    /// <summary>One crossing, as the ingest clients post it.</summary>
    private static Task<HttpResponseMessage> PostCrossingAsync(ServiceProcess service, Guid traveller, Workload.PlannedCrossing c) =>
        service.Http.PostAsJsonAsync($"/travellers/{traveller}/crossings",
            new { crossingId = c.CrossingId, direction = c.Direction.ToString().ToLowerInvariant(), country = c.Country, date = c.Date.ToString("yyyy-MM-dd") });

    private sealed record IdOnly(Guid Id);
}

/// <summary>The physical baseline: the same rows through plain Npgsql, one transaction per crossing, same concurrency.</summary>
public static class BaselineBenchmark
{
    public static async Task<IngestResult> RunAsync(BenchOptions o, string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS baseline_crossings (
              traveller uuid NOT NULL, crossing_id text NOT NULL, direction text NOT NULL, country text NOT NULL,
              date date NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (traveller, crossing_id))
            """))
            await create.ExecuteNonQueryAsync();

        var travellers = Math.Max(1, o.Crossings / IngestBenchmark.CrossingsPerTraveller);
        var ids = Enumerable.Range(0, travellers).Select(_ => Guid.NewGuid()).ToArray();
        var latencies = await Latencies.RunAsync(Enumerable.Range(0, travellers).ToList(), o.Clients, async (t, lat) =>
        {
            foreach (var c in Workload.For(t, IngestBenchmark.CrossingsPerTraveller))
                await lat.TimeAsync(async () =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    await using var tx = await connection.BeginTransactionAsync();
                    await using var insert = new NpgsqlCommand(
                        "INSERT INTO baseline_crossings (traveller, crossing_id, direction, country, date) VALUES ($1, $2, $3, $4, $5)", connection, tx)
                    {
                        Parameters = { new() { Value = ids[t] }, new() { Value = c.CrossingId }, new() { Value = c.Direction.ToString() }, new() { Value = c.Country }, new() { Value = c.Date } },
                    };
                    await insert.ExecuteNonQueryAsync();
                    await tx.CommitAsync();
                    return 0;
                });
        });
        return new IngestResult(latencies.Count, o.Clients, latencies.PerSecond, latencies.Percentile(50), latencies.Percentile(99), 0);
    }
}
