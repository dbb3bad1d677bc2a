using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Faults;

public sealed record Recovery(string Killed, double Seconds, bool Recovered);

public sealed record CrashResult(
    long Requests, int Sent, int Acknowledged, int Lost, int Duplicated, int Unknown, int Rejected, int GaveUp,
    long Answered503, long Other5xx, long ConnectionErrors, IReadOnlyList<Recovery> Recoveries,
    int WarningsExpected, int WarningsMissing, int WarningsDuplicated, double Seconds, double? HealthySeconds);

/// <summary>
/// The crash experiment: K clients post crossings with unique ids to several travellers, each retried (5xx, 503, broken
/// connection, timeout) until acknowledged; meanwhile the service and PostgreSQL are killed with SIGKILL at random
/// moments and started again. Then every acknowledged crossing must be recorded exactly once and nothing else.
/// A warning client posts, through the same kills, one crossing per traveller that makes a warning due; each warning
/// must then be in <c>GET /alerts</c> exactly once.
/// </summary>
public sealed class CrashExperiment(FaultOptions options, ServiceProcess service, PostgresCluster pg)
{
    private readonly ConcurrentDictionary<string, Guid> _sent = new();
    private readonly ConcurrentDictionary<string, Guid> _acknowledged = new();
    private readonly ConcurrentDictionary<string, bool> _rejected = new();
    private readonly ConcurrentDictionary<string, bool> _gaveUp = new();
    private long _requests, _answered503, _other5xx, _connectionErrors;
    private readonly object _recoveryLock = new();
    private long _killedAt = long.MaxValue; // Stopwatch ticks of the last kill; an ack of a request sent after it ends the outage
    private TaskCompletionSource? _recovered;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<CrashResult> RunAsync()
    {
        var started = _clock.Elapsed;
        using var http = LedgerApi.Client(service, TimeSpan.FromSeconds(10));
        var travellers = new List<Guid>();
        for (var i = 0; i < options.Travellers; i++) travellers.Add(await LedgerApi.RegisterAsync(http, "FR"));
        // Third-country nationals: an entry 76 days ago with no exit leaves 13 of the 90 days, so the 15-days warning is due.
        var warned = new List<Guid>();
        for (var i = 0; i < options.WarningTravellers; i++) warned.Add(await LedgerApi.RegisterAsync(http, "US"));

        using var stop = new CancellationTokenSource();
        var giveUpAt = DateTime.UtcNow + options.CrashPhaseLimit + TimeSpan.FromMinutes(2);
        var clients = Enumerable.Range(0, options.Clients).Select(c => Task.Run(() => ClientAsync(c, http, travellers, stop.Token, giveUpAt))).ToList();
        var warningClient = Task.Run(() => WarningClientAsync(http, warned, stop.Token, giveUpAt));
        var recoveries = await KillScheduleAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        stop.Cancel();
        await Task.WhenAll(clients.Append(warningClient));

        var (lost, duplicated, unknown) = await VerifyCrossingsAsync(http, travellers);
        var (missing, warningDuplicates) = await VerifyWarningsAsync(http, warned);
        var ackedWarnings = warned.Count(t => _acknowledged.ContainsKey(WarningCrossingId(t)));
        var healthy = await HealthySecondsAsync(http);
        return new CrashResult(_requests, _sent.Count(s => !IsWarningCrossing(s.Key)), _acknowledged.Count(a => !IsWarningCrossing(a.Key)),
            lost, duplicated, unknown, _rejected.Count, _gaveUp.Count, _answered503, _other5xx, _connectionErrors, recoveries,
            ackedWarnings, missing, warningDuplicates, (_clock.Elapsed - started).TotalSeconds, healthy);
    }

    private async Task ClientAsync(int client, HttpClient http, List<Guid> travellers, CancellationToken stop, DateTime giveUpAt)
    {
        var random = new Random(options.Seed + client);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var traveller = travellers[random.Next(travellers.Count)];
            var crossingId = $"k{client}-{n}";
            var body = new
            {
                crossingId,
                direction = random.Next(2) == 0 ? "entry" : "exit",
                country = LedgerApi.Countries[random.Next(LedgerApi.Countries.Length)],
                date = new DateOnly(2000, 1, 1).AddDays(random.Next(7000)).ToString("yyyy-MM-dd"),
            };
            await PostUntilAcknowledgedAsync(http, traveller, crossingId, body, giveUpAt);
        }
    }

    private static string WarningCrossingId(Guid traveller) => $"warn-{traveller:N}";
    private static bool IsWarningCrossing(string crossingId) => crossingId.StartsWith("warn-", StringComparison.Ordinal);

    private async Task WarningClientAsync(HttpClient http, List<Guid> travellers, CancellationToken stop, DateTime giveUpAt)
    {
        var entered = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-76).ToString("yyyy-MM-dd");
        foreach (var traveller in travellers)
        {
            var crossingId = WarningCrossingId(traveller);
            await PostUntilAcknowledgedAsync(http, traveller, crossingId, new { crossingId, direction = "entry", country = "FR", date = entered }, giveUpAt);
            // Spread over the phase, so kills land before, during and after these writes (not after the phase ends).
            if (!stop.IsCancellationRequested) await Task.Delay(options.WarningSpacing, CancellationToken.None);
        }
    }

    private async Task PostUntilAcknowledgedAsync(HttpClient http, Guid traveller, string crossingId, object body, DateTime giveUpAt)
    {
        _sent[crossingId] = traveller;
        while (true)
        {
            if (DateTime.UtcNow > giveUpAt) { _gaveUp[crossingId] = true; return; }
            var sentAt = _clock.ElapsedTicks;
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await http.PostAsJsonAsync($"/travellers/{traveller}/crossings", body);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    _acknowledged[crossingId] = traveller;
                    Acknowledged(sentAt);
                    return;
                }
                if (status == 503)
                {
                    Interlocked.Increment(ref _answered503);
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds, 1000)));
                    continue;
                }
                if (status >= 500)
                {
                    // Never expected: say what it was (the problem's title and detail; the service log names the exception).
                    if (Interlocked.Increment(ref _other5xx) <= 5)
                        Console.Error.WriteLine($"faults: {status} on a crossing write: {await response.Content.ReadAsStringAsync()}");
                    await Task.Delay(200);
                    continue;
                }
                // A 4xx leaves the ledger unchanged; a correct client does not resend it. It is reported, never expected.
                _rejected[crossingId] = true;
                Console.Error.WriteLine($"faults: crossing {crossingId} refused with {status}: {await response.Content.ReadAsStringAsync()}");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _connectionErrors);
                await Task.Delay(200);
            }
        }
    }

    private void Acknowledged(long sentAt)
    {
        lock (_recoveryLock)
        {
            if (_recovered is not null && sentAt > _killedAt) _recovered.TrySetResult();
        }
    }

    /// <summary>The kills, one at a time in a shuffled order, each after a random pause, each waited out until a write is acknowledged again.</summary>
    private async Task<List<Recovery>> KillScheduleAsync()
    {
        var random = new Random(options.Seed);
        var kills = Enumerable.Repeat("service", options.ServiceKills).Concat(Enumerable.Repeat("postgresql", options.PostgresKills))
            .OrderBy(_ => random.Next()).ToList();
        var recoveries = new List<Recovery>();
        var phaseEnds = DateTime.UtcNow + options.CrashPhaseLimit;
        foreach (var kill in kills)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(options.PauseMinMs, options.PauseMaxMs)));
            var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // The outage counts from the moment the process is dead: a request sent after that can only be answered by
            // the restarted service (or through the restarted PostgreSQL).
            void Killed()
            {
                lock (_recoveryLock) { _killedAt = _clock.ElapsedTicks; _recovered = recovered; }
            }
            if (kill == "service")
            {
                await service.KillAsync();
                Killed();
                service.Start();
            }
            else
            {
                var port = PostgresCluster.PortOf(service.ConnectionString);
                await pg.KillAsync();
                Killed();
                var connection = await pg.StartAsync(port);
                if (connection != service.ConnectionString)
                {
                    // Another cluster took the port meanwhile: the service must be pointed at the new one (noted, not hidden).
                    Console.Error.WriteLine($"faults: PostgreSQL came back on another port ({connection}); restarting the service with it");
                    service.ConnectionString = connection;
                    await service.KillAsync();
                    service.Start();
                }
            }
            var limit = Task.Delay(TimeSpan.FromSeconds(120));
            var done = await Task.WhenAny(recovered.Task, limit) == recovered.Task;
            double seconds;
            lock (_recoveryLock) seconds = (_clock.ElapsedTicks - _killedAt) / (double)Stopwatch.Frequency;
            lock (_recoveryLock) _recovered = null;
            recoveries.Add(new Recovery(kill, Math.Round(seconds, 2), done));
            Console.Error.WriteLine($"faults: killed {kill}; first acknowledged write {seconds:F1} s later{(done ? "" : " (NOT recovered)")}");
            if (DateTime.UtcNow > phaseEnds) break;
        }
        return recoveries;
    }

    /// <summary>After the kills and the checks: how long until <c>/health</c> answers 200 (null: not within 60 s).</summary>
    private static async Task<double?> HealthySecondsAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) return Math.Round(clock.Elapsed.TotalSeconds, 1); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(500);
        }
        return null;
    }

    private async Task<(int Lost, int Duplicated, int Unknown)> VerifyCrossingsAsync(HttpClient http, List<Guid> travellers)
    {
        await service.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
        var present = await LedgerApi.PresentCrossingsAsync(http, travellers, _sent);
        var acknowledged = _acknowledged.Keys.Where(k => !IsWarningCrossing(k)).ToList();
        var lost = acknowledged.Count(id => !present.ContainsKey(id));
        var duplicated = present.Count(p => p.Value > 1);
        // Present but never sent, or refused with a 4xx (which must leave the ledger unchanged).
        var unknown = present.Keys.Count(id => !_sent.ContainsKey(id) || _rejected.ContainsKey(id));
        return (lost, duplicated, unknown);
    }

    private async Task<(int Missing, int Duplicated)> VerifyWarningsAsync(HttpClient http, List<Guid> travellers)
    {
        var expected = travellers.Where(t => _acknowledged.ContainsKey(WarningCrossingId(t))).ToList();
        var deadline = DateTime.UtcNow + options.WarningWait;
        var missing = expected.ToHashSet();
        var duplicated = 0;
        while (true)
        {
            duplicated = 0;
            foreach (var traveller in expected)
            {
                var page = await LedgerApi.GetJsonAsync(http, $"/alerts?traveller={traveller}&limit=500");
                var ids = page.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
                if (ids.Count > 0) missing.Remove(traveller);
                duplicated += ids.Count - ids.Distinct().Count();
            }
            if (missing.Count == 0 || DateTime.UtcNow > deadline) break;
            await Task.Delay(1000);
        }
        return (missing.Count, duplicated);
    }
}
