using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Projections.Travellers;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks.Service;

public sealed record ImportResult(int Crossings, int Travellers, int Files, double ImportPerSecond, double CopyPerSecond, double FloorPerSecond, double PeakWorkingSetMb)
{
    public double ImportToCopy => ImportPerSecond / CopyPerSecond;
    public double ImportToFloor => ImportPerSecond / FloorPerSecond;
    public double FloorToCopy => FloorPerSecond / CopyPerSecond;
}

/// <summary>
/// The bulk path: N crossings of M registered travellers, in shuffled order, through <c>POST /imports</c> of the real
/// service process (each traveller's lines decided with the stay rules, incidents and warnings, as single writes are);
/// as the framework's floor, the same kind of file appended by Marten alone in the floor host (<c>bench/FloorHost</c>,
/// FloorImportEndpoint: same events and metadata, same transactions and locks, no decisions); and, as the physical
/// ceiling, PostgreSQL's own <c>COPY</c> (Npgsql binary import) of the same rows into a plain table with a primary key,
/// in one transaction.
/// </summary>
public static class ImportBenchmark
{
    /// <summary>Import and floor take turns in two rounds (import first, then floor first), each round a file of its own travellers.</summary>
    public const int Rounds = 2;

    public static async Task<ImportResult> RunAsync(BenchOptions o, string importDb, string copyDb, string floorDb)
    {
        var perTraveller = Math.Max(1, o.ImportCrossings / o.ImportTravellers);
        var rounds = Enumerable.Range(0, Rounds).Select(_ =>
        {
            var travellers = Enumerable.Range(0, o.ImportTravellers).Select(_ => Guid.NewGuid()).ToArray();
            var rows = travellers.SelectMany((id, t) => Workload.For(t, perTraveller).Select(c => (Traveller: id, Crossing: c)))
                .OrderBy(_ => Random.Shared.Next()).ToList(); // any order: a feed's file is not sorted by traveller
            // The files are built before the clock starts: a feed has its file ready.
            var files = rows.Chunk((rows.Count + o.ImportFiles - 1) / o.ImportFiles).Select(chunk =>
            {
                var text = new StringBuilder();
                foreach (var (traveller, c) in chunk) text.Append(Line(traveller, c)).Append('\n');
                return text.ToString();
            }).ToList();
            return (Travellers: travellers, Rows: rows, Files: files);
        }).ToList();
        var allTravellers = rounds.SelectMany(r => r.Travellers).ToArray();

        // Both hosts up, warmed up the same way and holding the same registered travellers; each measurement starts on a
        // quiet machine (both hosts settled, their async projections done with the previous file, no autovacuum).
        await using var service = await ServiceProcess.StartAsync(o.LedgerDll, importDb);
        await using var floor = await ServiceProcess.StartAsync(o.FloorDll, floorDb);
        foreach (var (host, db, path) in new[] { (service, importDb, (Func<string>)(() => $"/imports?importId=warm-up-{Guid.NewGuid():N}")), (floor, floorDb, () => FloorPath) })
        {
            await IngestBenchmark.WarmUpAsync(host);
            await RegisterAsync(db, allTravellers);
            await WarmUpAsync(host, path);
        }
        async Task QuietAsync()
        {
            await service.SettleAsync();
            await floor.SettleAsync();
            await AutovacuumDoneAsync(importDb);
        }

        double importSeconds = 0, floorSeconds = 0;
        var crossings = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var (_, rows, files) = rounds[round];
            crossings += rows.Count;
            // One measurement: quiet machine, the round's files posted at once, every crossing counted in the answers.
            async Task<double> MeasureAsync(ServiceProcess host, Func<int, string> path, string countProperty)
            {
                await QuietAsync();
                var (count, seconds) = await TimeAsync(host, files, path, countProperty);
                if (count != rows.Count) throw new InvalidOperationException($"{path(0)} counted {count} of {rows.Count} crossings as {countProperty}");
                return seconds;
            }
            var importRun = Guid.NewGuid().ToString("N");
            Task<double> ImportAsync() => MeasureAsync(service, i => $"/imports?importId=bench-{importRun}-{i}", "recorded");
            Task<double> FloorAsync() => MeasureAsync(floor, _ => FloorPath, "appended");
            if (round % 2 == 0) { importSeconds += await ImportAsync(); floorSeconds += await FloorAsync(); }
            else { floorSeconds += await FloorAsync(); importSeconds += await ImportAsync(); }
        }
        var peakMb = service.PeakWorkingSetMb();

        // A COPY of 100,000 rows takes under half a second, so it swings with whatever else the machine does: measured
        // while the service's async projections were still folding the import and autovacuum was visiting its tables,
        // it read 110k-260k rows/s, and 260k-390k on a quiet machine. So: on a quiet machine, the median of three runs.
        await QuietAsync();
        var copySeconds = new List<double>();
        for (var run = 0; run < 3; run++) copySeconds.Add(await CopyAsync(copyDb, rounds[0].Rows));
        copySeconds.Sort();
        return new ImportResult(rounds[0].Rows.Count, o.ImportTravellers, rounds[0].Files.Count, crossings / importSeconds,
            rounds[0].Rows.Count / copySeconds[1], crossings / floorSeconds, peakMb);
    }

    private const string FloorPath = "/bench-floor/import/batch";

    internal static string Line(Guid traveller, Workload.PlannedCrossing c) => JsonSerializer.Serialize(new
    {
        travellerId = traveller, crossingId = c.CrossingId, direction = c.Direction == Projections.Crossings.Direction.Entry ? "entry" : "exit",
        country = c.Country, date = c.Date.ToString("yyyy-MM-dd"),
    });

    /// <summary>Posts the files at once and times them until the last answer; returns the sum of what each answer counts in <paramref name="countProperty"/>.</summary>
    internal static async Task<(int Count, double Seconds)> TimeAsync(ServiceProcess service, IReadOnlyList<string> files, Func<int, string> path, string countProperty)
    {
        var watch = Stopwatch.StartNew();
        var counted = await Task.WhenAll(files.Select(async (file, i) =>
        {
            var response = await service.Http.PostAsync(path(i), new StringContent(file, Encoding.UTF8, "application/x-ndjson"));
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path(i)} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(countProperty).GetInt32();
        }));
        return (counted.Sum(), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Registers the travellers straight through Marten (same events and inline snapshot as <c>POST /travellers</c>); not measured.</summary>
    internal static async Task RegisterAsync(string connectionString, Guid[] travellers)
    {
        using var store = Seeder.Store(connectionString);
        foreach (var batch in travellers.Chunk(2000))
        {
            await using var session = store.LightweightSession();
            foreach (var id in batch) session.Events.StartStream<Traveller>(id, new TravellerRegistered(id, ["US"], DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Warms the path before measuring: 30 small files of 20 new travellers each, so that the per-request and per-chunk
    /// code is called often enough for the tiered JIT to recompile it (30 calls), as it would be in a service that has run a while.
    /// </summary>
    internal static async Task WarmUpAsync(ServiceProcess service, Func<string> path)
    {
        for (var round = 0; round < 30; round++)
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 20; i++)
            {
                var response = await service.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            var file = string.Join("\n", ids.SelectMany((id, t) => Workload.For(200_000 + t, 10).Select(c => Line(id, c))));
            (await service.Http.PostAsync(path(), new StringContent(file, Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Waits (up to two minutes) until no autovacuum worker has run for two seconds: it follows every large write.</summary>
    internal static async Task AutovacuumDoneAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var busy = dataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'");
        var waited = Stopwatch.StartNew();
        var quiet = 0;
        for (; quiet < 4 && waited.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(500))
            quiet = (long)(await busy.ExecuteScalarAsync())! == 0 ? quiet + 1 : 0;
        if (quiet < 4) Console.WriteLine("  (autovacuum was still running after 2 minutes of waiting: the next figure is measured beside it)");
    }

    /// <summary>PostgreSQL's own bulk load of the same rows: binary COPY into a plain table (primary key, no events, no rules), one transaction.</summary>
    private static async Task<double> CopyAsync(string connectionString, IReadOnlyList<(Guid Traveller, Workload.PlannedCrossing Crossing)> rows)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS copied_crossings (
              traveller uuid NOT NULL, crossing_id text NOT NULL, direction text NOT NULL, country text NOT NULL,
              date date NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (traveller, crossing_id))
            """))
            await create.ExecuteNonQueryAsync();
        await using (var empty = dataSource.CreateCommand("TRUNCATE copied_crossings")) await empty.ExecuteNonQueryAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        var watch = Stopwatch.StartNew();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY copied_crossings (traveller, crossing_id, direction, country, date) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (traveller, c) in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(traveller, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.CrossingId, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Direction.ToString(), NpgsqlDbType.Text);
                await copy.WriteAsync(c.Country, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Date, NpgsqlDbType.Date);
            }
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
        return watch.Elapsed.TotalSeconds;
    }
}

/// <summary><c>bench/run --only import</c>: the import benchmark alone; prints its figures and writes no files.</summary>
public static class ImportRun
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"import: {o.ImportCrossings:N0} crossings of {o.ImportTravellers:N0} travellers in {o.ImportFiles} file(s) through POST /imports; COPY of the same rows ...");
        var r = await ImportBenchmark.RunAsync(o, await FullRun.CreateDatabaseAsync(o.Admin, "bench_import"),
            await FullRun.CreateDatabaseAsync(o.Admin, "bench_copy"), await FullRun.CreateDatabaseAsync(o.Admin, "bench_import_floor"));
        Console.WriteLine($"  importPerSecond {r.ImportPerSecond:N0}, copyPerSecond {r.CopyPerSecond:N0}, importToCopy {r.ImportToCopy:N3}, " +
            $"importFloorPerSecond {r.FloorPerSecond:N0}, importToFloor {r.ImportToFloor:N2}, importFloorToCopy {r.FloorToCopy:N3}, peak {r.PeakWorkingSetMb:N0} MB");
        return 0;
    }
}
