using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Projections.Travellers;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks.Service;

public sealed record ImportResult(int Crossings, int Travellers, int Files, double ImportPerSecond, double CopyPerSecond, double PeakWorkingSetMb)
{
    public double ImportToCopy => ImportPerSecond / CopyPerSecond;
}

/// <summary>
/// The bulk path: N crossings of M registered travellers, in shuffled order, through <c>POST /imports</c> of the real
/// service process (each traveller's lines decided with the stay rules, incidents and warnings, as single writes are);
/// and, as the physical ceiling, PostgreSQL's own <c>COPY</c> (Npgsql binary import) of the same rows into a plain table
/// with a primary key, in one transaction.
/// </summary>
public static class ImportBenchmark
{
    public static async Task<ImportResult> RunAsync(BenchOptions o, string importDb, string copyDb)
    {
        var perTraveller = Math.Max(1, o.ImportCrossings / o.ImportTravellers);
        var travellers = Enumerable.Range(0, o.ImportTravellers).Select(_ => Guid.NewGuid()).ToArray();
        var rows = travellers.SelectMany((id, t) => Workload.For(t, perTraveller).Select(c => (Traveller: id, Crossing: c)))
            .OrderBy(_ => Random.Shared.Next()).ToList(); // any order: a feed's file is not sorted by traveller

        await using var service = await ServiceProcess.StartAsync(o.LedgerDll, importDb);
        await IngestBenchmark.WarmUpAsync(service);
        await RegisterAsync(importDb, travellers);
        await WarmUpImportAsync(service);
        await service.SettleAsync();

        // The files are built before the clock starts: a feed has its file ready.
        var files = rows.Chunk((rows.Count + o.ImportFiles - 1) / o.ImportFiles).Select(chunk =>
        {
            var text = new StringBuilder();
            foreach (var (traveller, c) in chunk)
                text.Append(JsonSerializer.Serialize(new { travellerId = traveller, crossingId = c.CrossingId, direction = c.Direction == Projections.Crossings.Direction.Entry ? "entry" : "exit", country = c.Country, date = c.Date.ToString("yyyy-MM-dd") })).Append('\n');
            return text.ToString();
        }).ToList();
        var importRun = Guid.NewGuid().ToString("N");
        var watch = Stopwatch.StartNew();
        var recorded = await Task.WhenAll(files.Select(async (file, i) =>
        {
            var response = await service.Http.PostAsync($"/imports?importId=bench-{importRun}-{i}", new StringContent(file, Encoding.UTF8, "application/x-ndjson"));
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32();
        }));
        var importSeconds = watch.Elapsed.TotalSeconds;
        if (recorded.Sum() != rows.Count) throw new InvalidOperationException($"the import recorded {recorded.Sum()} of {rows.Count} crossings");

        // A COPY of 100,000 rows takes about half a second, so one run swings with the machine's moment (110k-190k
        // rows/s in runs of unchanged code): the median of three, each into the emptied table.
        var copySeconds = new List<double>();
        for (var run = 0; run < 3; run++) copySeconds.Add(await CopyAsync(copyDb, rows));
        copySeconds.Sort();
        return new ImportResult(rows.Count, travellers.Length, files.Count, rows.Count / importSeconds, rows.Count / copySeconds[1], service.PeakWorkingSetMb());
    }

    /// <summary>Registers the travellers straight through Marten (same events and inline snapshot as <c>POST /travellers</c>); not measured.</summary>
    private static async Task RegisterAsync(string connectionString, Guid[] travellers)
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
    /// Warms the import path before measuring: 30 small imports, so that the per-request and per-chunk code is called
    /// often enough for the tiered JIT to recompile it (30 calls), as it would be in a service that has run a while.
    /// </summary>
    private static async Task WarmUpImportAsync(ServiceProcess service)
    {
        for (var round = 0; round < 30; round++)
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 20; i++)
            {
                var response = await service.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            var file = string.Join("\n", ids.SelectMany((id, t) => Workload.For(200_000 + t, 10).Select(c => JsonSerializer.Serialize(new
            {
                travellerId = id, crossingId = c.CrossingId, direction = c.Direction == Projections.Crossings.Direction.Entry ? "entry" : "exit", country = c.Country, date = c.Date.ToString("yyyy-MM-dd"),
            }))));
            (await service.Http.PostAsync($"/imports?importId=warm-up-{Guid.NewGuid():N}", new StringContent(file, Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();
        }
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
        var r = await ImportBenchmark.RunAsync(o, await FullRun.CreateDatabaseAsync(o.Admin, "bench_import"), await FullRun.CreateDatabaseAsync(o.Admin, "bench_copy"));
        Console.WriteLine($"  importPerSecond {r.ImportPerSecond:N0}, copyPerSecond {r.CopyPerSecond:N0}, importToCopy {r.ImportToCopy:N3}, peak {r.PeakWorkingSetMb:N0} MB");
        return 0;
    }
}
