using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Projections.Crossings;
using Ledger.Projections.Travellers;

namespace Ledger.Benchmarks.Service;

/// <summary>
/// <c>bench/run --only retention</c>: records erased per second by one retention sweep (<c>POST /retention/sweeps</c>
/// on the published service) with <c>--expired-records</c> expired crossings (default 100,000: half as many
/// travellers, each with one stay whose exit is 4 years old) among the events of <c>--travellers</c> travellers of at
/// most <c>--events-per-traveller</c> events each (a registration and whole stays: 9 of 10 by default, so 900,000
/// events; <c>--travellers 111112</c> makes 1,000,008). Every other crossing is recent. Printed, and written into <c>bench/results.json</c>
/// (<c>retentionSweepPerSecond</c> and a <c>retention</c> object with the sizes, the duration and the machine; the
/// file's other figures are kept as they are).
/// </summary>
public static class RetentionBenchmark
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var db = await FullRun.CreateDatabaseAsync(o.Admin, "bench_retention");
        var expiredTravellers = Math.Min(o.Travellers, o.ExpiredRecords / 2);
        Console.WriteLine($"seeding {o.Travellers:N0} travellers x {o.EventsPerTraveller} events, {expiredTravellers * 2:N0} expired crossings ...");
        var seeded = await SeedAsync(o, db, expiredTravellers);
        Console.WriteLine($"  seeded {seeded:N0} events");
        await using var service = await ServiceProcess.StartAsync(o.LedgerDll, db);
        using var http = new HttpClient { BaseAddress = service.Http.BaseAddress, Timeout = TimeSpan.FromHours(2) };
        http.DefaultRequestHeaders.Authorization = service.Http.DefaultRequestHeaders.Authorization;
        // The seed bypassed the service, so its async projections start from nothing: let them catch up first (a ledger
        // in use has them caught up), so the figure is the sweep's own and not the daemon's rebuild beside it.
        var caughtUp = await WaitForProjectionsAsync(db, TimeSpan.FromMinutes(15));
        Console.WriteLine($"  async projections caught up in {caughtUp.TotalSeconds:N0} s");
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsync("/retention/sweeps", null);
        watch.Stop();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the sweep answered {(int)response.StatusCode}: {body}");
        var erased = body.GetProperty("recordsErased").GetInt32();
        var perSecond = erased / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  retentionSweepPerSecond {perSecond:N0} ({erased:N0} records erased of {seeded:N0} events in {watch.Elapsed.TotalSeconds:N1} s; goal >= 2,000)");
        if (erased != expiredTravellers * 2) return 1;
        await WriteResultAsync(o, perSecond, erased, expiredTravellers, seeded, watch.Elapsed);
        return 0;
    }

    private static async Task<TimeSpan> WaitForProjectionsAsync(string connectionString, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        await using var db = Npgsql.NpgsqlDataSource.Create(connectionString);
        while (watch.Elapsed < limit)
        {
            await using var command = db.CreateCommand($"""
                SELECT coalesce((SELECT max(seq_id) FROM {Ledger.Hosting.LedgerStore.Schema}.mt_events), 0)
                     - coalesce((SELECT min(last_seq_id) FROM {Ledger.Hosting.LedgerStore.Schema}.mt_event_progression WHERE name NOT LIKE 'HighWaterMark%'), 0)
                """);
            if ((long)(await command.ExecuteScalarAsync())! <= 0) return watch.Elapsed;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"the async projections did not catch up in {limit.TotalMinutes:N0} min");
    }

    /// <summary>Sets this run's figures in bench/results.json, leaving every other figure of the file as it was.</summary>
    private static async Task WriteResultAsync(BenchOptions o, double perSecond, int erased, int travellers, long events, TimeSpan took)
    {
        var path = await Report.SetFiguresAsync(o.Output, ("retentionSweepPerSecond", perSecond), ("retention", new JsonObject
        {
            ["retentionSweepPerSecond"] = perSecond,
            ["recordsErased"] = erased,
            ["travellersWithExpiredRecords"] = travellers,
            ["eventsInStore"] = events,
            ["travellers"] = o.Travellers,
            ["sweepSeconds"] = took.TotalSeconds,
            ["note"] = "one POST /retention/sweeps on the published service, after its async projections caught up with the seed",
            ["goalPerSecond"] = 2000,
            ["machine"] = Machine.Describe(),
            ["measuredAt"] = DateTimeOffset.UtcNow,
        }));
        Console.WriteLine($"  written to {path}");
    }

    private static async Task<long> SeedAsync(BenchOptions o, string connectionString, int expiredTravellers)
    {
        using var store = Seeder.Store(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        long events = 0;
        const int batch = 1000;
        var batches = Enumerable.Range(0, (o.Travellers + batch - 1) / batch).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (b, ct) =>
        {
            await using var session = store.LightweightSession();
            for (var t = b * batch; t < Math.Min(o.Travellers, (b + 1) * batch); t++)
            {
                var id = Guid.NewGuid();
                var stream = new List<object> { new TravellerRegistered(id, ["US"], DateTimeOffset.UtcNow) };
                if (t < expiredTravellers)
                {
                    var exit = today.AddYears(-4);
                    stream.Add(new EntryRecorded(id, "old-in", "FR", exit.AddDays(-7), null, null, "bench", CrossingSource.BorderSystem));
                    stream.Add(new ExitRecorded(id, "old-out", "FR", exit, null, null, "bench", CrossingSource.BorderSystem));
                }
                // Recent stays of 5 days, 30 days apart, ending before today: kept.
                for (var s = 0; stream.Count + 2 <= o.EventsPerTraveller; s++)
                {
                    var entry = today.AddDays(-300 + s * 30);
                    stream.Add(new EntryRecorded(id, $"in-{s}", "FR", entry, null, null, "bench", CrossingSource.BorderSystem));
                    stream.Add(new ExitRecorded(id, $"out-{s}", "FR", entry.AddDays(4), null, null, "bench", CrossingSource.BorderSystem));
                }
                Interlocked.Add(ref events, stream.Count);
                session.Events.StartStream<Traveller>(id, [.. stream]);
            }
            await session.SaveChangesAsync(ct);
        });
        return events;
    }
}
