using System.Text.Json;
using Ledger.Faults;

// The fault suites (kills, outages, fuzz, two nodes), against a private PostgreSQL that bench/faults/run started (and may kill) and the
// service in its own process (killed and restarted here). Exit code 1 when a target is missed.
var options = FaultOptions.Parse(args);
if (options.TwoNodesOnly)
{
    var runs = new List<TwoNodeResult>();
    foreach (var (target, seed) in options.TwoNodeRuns())
    {
        runs.Add(await new TwoNodeExperiment(options, target, seed).RunAsync(freshDatabase: runs.Count > 0));
        Console.WriteLine(JsonSerializer.Serialize(runs[^1], new JsonSerializerOptions { WriteIndented = true }));
    }
    var table = TwoNodeReport.Table(runs);
    foreach (var line in table) Console.WriteLine(line);
    var missed = runs.SelectMany(TwoNodeReport.Misses).ToList();
    foreach (var miss in missed) Console.WriteLine($"MISSED: {miss}");
    if (missed.Count == 0) Console.WriteLine($"faults: two nodes: every target met in {runs.Count} run(s)");
    return missed.Count == 0 ? 0 : 1;
}
var log = Path.Combine(options.PostgresDir, "service.log");
Console.Error.WriteLine($"faults: {(options.Short ? "short" : "full")} run, seed {options.Seed}, service log {log}");
await using var service = new ServiceProcess(options.LedgerDll, options.ConnectionString, log);
service.Start();
await service.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
var pg = new PostgresCluster(options.PostgresDir, options.ScriptsPg);

var crash = await new CrashExperiment(options, service, pg).RunAsync();
var fuzz = await new FuzzRun(options, service, Path.Combine(options.PostgresDir, "server.log")).RunAsync();
var hostile = await new HostileTokenRun(service).RunAsync();
var alive = !service.HasExited;
await service.KillAsync(); // the two-node run brings its own two instances
var twoNodeRuns = new List<TwoNodeResult>();
foreach (var (target, seed) in options.TwoNodeRuns())
    twoNodeRuns.Add(await new TwoNodeExperiment(options, target, seed).RunAsync(freshDatabase: twoNodeRuns.Count > 0));

var recovered = crash.Recoveries.Where(r => r.Recovered).Select(r => r.Seconds).Order().ToList();
double Median(List<double> xs) => xs.Count == 0 ? 0 : xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2;
var report = new
{
    mode = options.Short ? "short" : "full",
    seed = options.Seed,
    crash = new
    {
        clients = options.Clients, travellers = options.Travellers, seconds = Math.Round(crash.Seconds, 1),
        requests = crash.Requests, sent = crash.Sent, acknowledged = crash.Acknowledged, lost = crash.Lost, duplicated = crash.Duplicated,
        presentButNeverSent = crash.Unknown, refused4xx = crash.Rejected, gaveUp = crash.GaveUp,
        answered503 = crash.Answered503, other5xx = crash.Other5xx, connectionErrors = crash.ConnectionErrors,
        kills = crash.Recoveries,
        recoverySecondsMax = recovered.Count == 0 ? 0 : recovered.Max(), recoverySecondsMedian = Math.Round(Median(recovered), 2),
        notRecovered = crash.Recoveries.Count(r => !r.Recovered),
        healthyAfterChecksSeconds = crash.HealthySeconds,
    },
    warnings = new { expected = crash.WarningsExpected, missing = crash.WarningsMissing, duplicated = crash.WarningsDuplicated },
    twoNodes = twoNodeRuns,
    fuzz = new
    {
        requests = fuzz.Requests, answered2xx = fuzz.Answered2xx, answered4xx = fuzz.Answered4xx, answered5xx = fuzz.Answered5xx,
        connectionErrors = fuzz.ConnectionErrors, validBaseline = fuzz.BaselineRequests, validBaselineRefused = fuzz.BaselineRefused,
        serviceLogLeaks = fuzz.LogLeaks, postgresLogLeaks = fuzz.PostgresLogLeaks, serviceAliveAfter = alive,
        byMutation = fuzz.ByMutation, byRoute = fuzz.ByRoute, failures = fuzz.FiveHundreds,
    },
    hostileTokens = new { requests = hostile.Requests, answered401 = hostile.Answered401, notRefused = hostile.NotRefused },
};

var misses = new List<string>();
if (crash.Lost > 0) misses.Add($"{crash.Lost} acknowledged crossings lost");
if (crash.Duplicated > 0) misses.Add($"{crash.Duplicated} crossings duplicated");
if (crash.Unknown > 0) misses.Add($"{crash.Unknown} crossings present that no client sent (or that were refused)");
if (crash.Other5xx > 0) misses.Add($"{crash.Other5xx} 5xx other than 503 during the crash experiment");
if (crash.GaveUp > 0 || crash.Recoveries.Any(r => !r.Recovered)) misses.Add("a write or the service did not recover within the time bound");
if (crash.WarningsMissing > 0 || crash.WarningsDuplicated > 0) misses.Add($"warnings: {crash.WarningsMissing} missing, {crash.WarningsDuplicated} duplicated in /alerts");
if (crash.HealthySeconds is null) misses.Add("/health did not answer 200 within 60 s after the crash experiment");
if (fuzz.Answered5xx > 0 || fuzz.ConnectionErrors > 0) misses.Add($"fuzz: {fuzz.Answered5xx} 5xx, {fuzz.ConnectionErrors} broken connections");
if (fuzz.LogLeaks > 0) misses.Add($"fuzz: {fuzz.LogLeaks} request values in the service log");
if (hostile.NotRefused.Count > 0) misses.Add($"hostile tokens: {hostile.NotRefused.Count} requests not refused with 401");
if (!alive) misses.Add("the service died during the fuzz run");
misses.AddRange(twoNodeRuns.SelectMany(TwoNodeReport.Misses));

string Row(string name, object value, string target) => TwoNodeReport.Row(name, value, target);
var lines = new List<string>
{
    $"Fault suites ({report.mode}, seed {options.Seed})",
    Row("what", "value", "target"), $"|{new string('-', 44)}|{new string('-', 14)}|{new string('-', 10)}|",
    Row("crash: write requests (incl. retries)", crash.Requests, ""),
    Row("crash: crossings acknowledged", crash.Acknowledged, ""),
    Row("crash: lost", crash.Lost, "0"),
    Row("crash: duplicated", crash.Duplicated, "0"),
    Row("crash: present, never sent or refused", crash.Unknown, "0"),
    Row("crash: kills (service + PostgreSQL)", $"{options.ServiceKills} + {options.PostgresKills}", ""),
    Row("crash: 503 while PostgreSQL was down", crash.Answered503, "retried"),
    Row("crash: other 5xx", crash.Other5xx, "0"),
    Row("crash: broken connections (retried)", crash.ConnectionErrors, ""),
    Row("crash: time to recover, max / median (s)", $"{(recovered.Count == 0 ? 0 : recovered.Max()):F1} / {Median(recovered):F1}", ""),
    Row("warnings: expected / missing / duplicated", $"{crash.WarningsExpected} / {crash.WarningsMissing} / {crash.WarningsDuplicated}", "- / 0 / 0"),
    Row("/health 200 after the kills (s)", crash.HealthySeconds?.ToString("F1") ?? "never", "<= 60"),
    Row("fuzz: requests", fuzz.Requests, $">= {(options.Short ? 1000 : 5000)}"),
    Row("fuzz: 2xx / 4xx", $"{fuzz.Answered2xx} / {fuzz.Answered4xx}", ""),
    Row("fuzz: 5xx (and broken connections)", $"{fuzz.Answered5xx} ({fuzz.ConnectionErrors})", "0"),
    Row("fuzz: valid bodies refused (of N)", $"{fuzz.BaselineRefused} of {fuzz.BaselineRequests}", "0"),
    Row("log leaks: service / PostgreSQL", $"{fuzz.LogLeaks} / {fuzz.PostgresLogLeaks}", "0 / -"),
    Row("hostile tokens: 401 of requests", $"{hostile.Answered401} of {hostile.Requests}", "all"),
};
lines.AddRange(TwoNodeReport.Table(twoNodeRuns));
foreach (var line in lines) Console.WriteLine(line);
foreach (var kill in crash.Recoveries) Console.WriteLine($"  killed {kill.Killed,-10} recovered in {kill.Seconds,6:F1} s{(kill.Recovered ? "" : " (NOT recovered)")}");
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
    Console.WriteLine($"wrote {output}");
}
if (misses.Count > 0)
{
    foreach (var miss in misses) Console.WriteLine($"MISSED: {miss}");
    return 1;
}
Console.WriteLine("faults: every target met");
return 0;
