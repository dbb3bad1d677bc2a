using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Faults;

/// <summary>Which node the two-node run kills: the one Wolverine made leader, or the other one.</summary>
public enum KillTarget { Leader, Other }

public sealed record TwoNodeResult(
    int Seed, KillTarget Killed, bool KilledWasLeader, double? CheckDelayMaxSeconds, double? CheckDelayMedianSeconds,
    long Requests, int Acknowledged, int Lost, int Duplicated, long Other5xx, long SwitchedNode,
    int WarningTravellers, int WarningsExpected, int WarningsIssued, int WarningsIssuedTwice,
    int ScheduledExpected, int ScheduledFired, int AlertsMissing, int AlertsDuplicated,
    int DeliveredWarnings, int UndeliveredWarnings, int RepeatDeliveries, double KilledAfterSeconds, double KilledSecondsBeforeMidnight,
    int Shards, int ShardsOnKilledNode, int ShardsMovedToSurvivor, int ShardsOnSurvivorAfter, double? SurvivorCaughtUpSeconds,
    TwoNodeSweep Sweep, double Seconds);

/// <summary>
/// Both nodes' retention sweeps run at once on one store: <c>Expected</c> expired crossings of the run's own travellers
/// (4-year-old stays of third-country nationals), how many of them the erasure facts record, what the two answers say
/// they erased together, and how many records the facts gained in the whole store meanwhile (a shared store also holds
/// the earlier experiments' expired records). Each record erased once: the run's own facts equal the expected count,
/// the answers equal the store's new facts, and no traveller's file is erased twice.
/// </summary>
public sealed record TwoNodeSweep(int Expected, int OwnErased, int AnsweredErased, int StoreFactsErased, int FilesErasedTwice)
{
    public bool ErasedOnce => OwnErased == Expected && AnsweredErased == StoreFactsErased && FilesErasedTwice == 0;
}

/// <summary>
/// Two service instances on one PostgreSQL in Wolverine's <c>Balanced</c> mode, both taking writes, one killed with
/// SIGKILL mid-load. Afterwards: every acknowledged crossing is present exactly once; every warning is issued once
/// (the one due at once, and the one a scheduled check issues at the service's midnight, which falls inside the run
/// because both nodes run on a drill clock a few seconds before it); each is in the alert feed once and reached the
/// webhook receiver at least once under its one warning id; the async projections, wherever they ran before, are
/// caught up on the survivor. It kills the leader (<see cref="KillTarget.Leader"/>: leadership must move before the
/// survivor may eject the dead node) or the other node, and measures each midnight check's delay from its due time to
/// its warning.
/// </summary>
public sealed class TwoNodeExperiment(FaultOptions options, KillTarget target, int seed)
{
    private readonly ConcurrentDictionary<string, Guid> _sent = new();
    private readonly ConcurrentDictionary<string, Guid> _acknowledged = new();
    private long _requests, _other5xx, _switched;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private string _connectionString = "";

    /// <param name="freshDatabase">
    /// False for the first two-node run of an invocation: it shares the database the crash and fuzz experiments left
    /// (their travellers, webhooks and scheduled messages are load it must carry). Later runs (--repeat, the full run's
    /// second) each get an empty database of their own, so no earlier run's nodes are in Wolverine's node table.
    /// </param>
    public async Task<TwoNodeResult> RunAsync(bool freshDatabase)
    {
        _connectionString = freshDatabase
            ? await FreshDatabaseAsync($"two_nodes_{seed}_{target.ToString().ToLowerInvariant()}")
            : options.ConnectionString;
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // Both nodes' "now" sits this far before the next midnight UTC when they start, so the checks scheduled for
        // midnight come due during the run (the drill clock is refused in Production, hence Staging). The lead leaves
        // room for both start-ups and the shards' placement: 75 s was too short once on a machine loaded by other builds.
        var lead = options.Short ? TimeSpan.FromSeconds(75) : TimeSpan.FromSeconds(120);
        var realNow = DateTimeOffset.UtcNow;
        var offset = realNow.Date.AddDays(1) - lead - realNow.UtcDateTime;
        var serviceToday = DateOnly.FromDateTime((realNow + offset).UtcDateTime);
        await using var a = Node("a", signingKey, offset);
        await using var b = Node("b", signingKey, offset);
        // One after the other, so each node's id in Wolverine's node table is known.
        a.Start();
        await a.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
        var aId = (await NodeIdsAsync()).Single();
        b.Start();
        await b.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
        var bId = (await NodeIdsAsync()).Single(id => id != aId);
        var midnight = Stopwatch.GetTimestamp() + (long)((lead - (DateTimeOffset.UtcNow - realNow)).TotalSeconds * Stopwatch.Frequency);

        using var receiver = new DeliveryReceiver();
        using var httpA = LedgerApi.Client(a, TimeSpan.FromSeconds(10));
        using var httpB = LedgerApi.Client(b, TimeSpan.FromSeconds(10));
        var nodes = new[] { httpA, httpB };
        (await LedgerApi.SendUntilAnsweredAsync(httpA, () => new HttpRequestMessage(HttpMethod.Post, "/webhooks")
        {
            Content = JsonContent.Create(new { url = receiver.Url, secret = "two-node-drill-secret" }),
        }, TimeSpan.FromSeconds(30))).EnsureSuccessStatusCode();

        var travellers = new List<Guid>();
        for (var i = 0; i < options.Travellers; i++) travellers.Add(await LedgerApi.RegisterAsync(nodes[i % 2], "FR"));
        var warned = new List<Guid>();
        for (var i = 0; i < options.WarningTravellers; i++) warned.Add(await LedgerApi.RegisterAsync(nodes[i % 2], "US"));
        var expired = new List<Guid>();
        for (var i = 0; i < SweptTravellers; i++) expired.Add(await ExpiredTravellerAsync(nodes[i % 2], serviceToday));

        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, options.Clients).Select(c => Task.Run(() => ClientAsync(c, nodes, travellers, stop.Token))).ToList();
        var sweeps = Task.Run(() => TwoSweepsAsync(nodes, expired, _connectionString)); // under the load, before either node is killed
        // Inside for 84 days on the service's today: "15 days left" is due at once, "5 days left" at its midnight.
        var entered = serviceToday.AddDays(-83).ToString("yyyy-MM-dd");
        var warningWrites = Task.Run(async () =>
        {
            for (var i = 0; i < warned.Count; i++)
            {
                var crossingId = $"warn-{warned[i]:N}";
                await PostUntilAcknowledgedAsync(nodes, i % 2, warned[i], crossingId, new { crossingId, direction = "entry", country = "FR", date = entered });
            }
        });

        // Once the leader has placed the async shards, kill (at a random moment of the load, before the midnight checks
        // come due) the leader, or the other node: whatever it runs (shards, Wolverine's durability agent, scheduled
        // messages it had taken) must move to the survivor.
        var random = new Random(seed);
        await Task.Delay(TimeSpan.FromSeconds(random.Next(3, 8)));
        var sweep = await sweeps;
        var before = await ShardsAsync(TimeSpan.FromSeconds(30));
        var leaderId = await LeaderAsync(TimeSpan.FromSeconds(30));
        var victimId = target == KillTarget.Leader ? leaderId : leaderId == aId ? bId : aId;
        var (victim, survivorId) = victimId == aId ? (a, bId) : (b, aId);
        var survivorHttp = victimId == aId ? httpB : httpA;
        var killedAfter = _clock.Elapsed.TotalSeconds;
        var killedBeforeMidnight = (double)(midnight - Stopwatch.GetTimestamp()) / Stopwatch.Frequency;
        await victim.KillAsync();
        Console.Error.WriteLine($"faults: two nodes (seed {seed}): killed node {(victim == a ? "a" : "b")} ({(victimId == leaderId ? "the leader" : "not the leader")}), which ran {before.Count(x => x.Value == victimId)} of {before.Count} async shards, {killedBeforeMidnight:F1} s before midnight");
        await warningWrites;
        while (Stopwatch.GetTimestamp() < midnight + 5 * Stopwatch.Frequency) await Task.Delay(200);
        stop.Cancel();
        await Task.WhenAll(clients);

        var (lost, duplicated) = await VerifyCrossingsAsync(survivorHttp, travellers);
        var ackedWarned = warned.Where(t => _acknowledged.ContainsKey($"warn-{t:N}")).ToList();
        var realMidnight = new DateTimeOffset(serviceToday.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - offset;
        var warnings = await VerifyWarningsAsync(survivorHttp, ackedWarned, receiver, realMidnight);
        var delays = warnings.CheckDelays.Order().ToList();
        var caughtUp = await CaughtUpSecondsAsync(survivorHttp);
        var after = await ShardsAsync(TimeSpan.FromSeconds(10));
        var moved = before.Count(x => x.Value == victimId && after.GetValueOrDefault(x.Key) == survivorId);
        return new TwoNodeResult(seed, target, victimId == leaderId,
            delays.Count == 0 ? null : Math.Round(delays[^1], 1), delays.Count == 0 ? null : Math.Round(delays[delays.Count / 2], 1),
            _requests, _acknowledged.Count(k => !k.Key.StartsWith("warn-")), lost, duplicated, _other5xx, _switched,
            ackedWarned.Count, ackedWarned.Count * 2, warnings.Issued, warnings.IssuedTwice, ackedWarned.Count, warnings.ScheduledFired,
            warnings.AlertsMissing, warnings.AlertsDuplicated, warnings.Delivered, warnings.Undelivered, receiver.Repeats,
            Math.Round(killedAfter, 1), Math.Round(killedBeforeMidnight, 1), before.Count, before.Count(x => x.Value == victimId), moved,
            after.Count(x => x.Value == survivorId), caughtUp, sweep, Math.Round(_clock.Elapsed.TotalSeconds, 1));
    }

    /// <summary>Travellers whose whole record has expired, for the two nodes' sweeps (two crossings each).</summary>
    private const int SweptTravellers = 10;

    /// <summary>A US national's stay in France that ended 4 years before the service's today: past the EES's 3 years.</summary>
    private static async Task<Guid> ExpiredTravellerAsync(HttpClient http, DateOnly today)
    {
        var id = await LedgerApi.RegisterAsync(http, "US");
        var exit = today.AddYears(-4);
        foreach (var (crossingId, direction, date) in new[] { ("old-in", "entry", exit.AddDays(-20)), ("old-out", "exit", exit) })
        {
            var response = await LedgerApi.SendUntilAnsweredAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/travellers/{id}/crossings")
            {
                Content = JsonContent.Create(new { crossingId, direction, country = "FR", date = date.ToString("yyyy-MM-dd"), source = "borderSystem" }),
            }, TimeSpan.FromMinutes(2));
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"recording an expired crossing answered {(int)response.StatusCode}");
        }
        return id;
    }

    /// <summary><c>POST /retention/sweeps</c> on both nodes at the same moment, then the erasure facts of each expired traveller.</summary>
    private static async Task<TwoNodeSweep> TwoSweepsAsync(HttpClient[] nodes, List<Guid> expired, string connectionString)
    {
        await using var store = Npgsql.NpgsqlDataSource.Create(connectionString);
        async Task<int> StoreFactsAsync()
        {
            await using var count = store.CreateCommand("SELECT coalesce(sum(count), 0)::int FROM ledger.retention_erasures WHERE record_kind <> 'file'");
            return (int)(await count.ExecuteScalarAsync())!;
        }
        var factsBefore = await StoreFactsAsync();
        var answers = await Task.WhenAll(nodes.Select(async node =>
        {
            var response = await LedgerApi.SendUntilAnsweredAsync(node, () => new HttpRequestMessage(HttpMethod.Post, "/retention/sweeps"), TimeSpan.FromMinutes(2));
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"a retention sweep answered {(int)response.StatusCode}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordsErased").GetInt32();
        }));
        int facts = 0, filesTwice = 0;
        foreach (var id in expired)
        {
            var erasures = (await LedgerApi.GetJsonAsync(nodes[0], $"/travellers/{id}/erasures")).GetProperty("erasures").EnumerateArray().ToList();
            facts += erasures.Where(e => e.GetProperty("recordKind").GetString() != "file").Sum(e => e.GetProperty("count").GetInt32());
            if (erasures.Count(e => e.GetProperty("recordKind").GetString() == "file") > 1) filesTwice++;
        }
        return new TwoNodeSweep(expired.Count * 2, facts, answers.Sum(), await StoreFactsAsync() - factsBefore, filesTwice);
    }

    private static async Task<string> WolverineSchemaAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand("select table_schema from information_schema.tables where table_name = 'wolverine_nodes'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> FreshDatabaseAsync(string name)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"drop database if exists {name} with (force)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new Npgsql.NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The node holding Wolverine's leadership agent, waiting until one does.</summary>
    private async Task<Guid> LeaderAsync(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                $"select node_id from {await WolverineSchemaAsync(connection)}.wolverine_node_assignments where id like 'wolverine://leader%'", connection);
            if (await command.ExecuteScalarAsync() is Guid leader) return leader;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no node became Wolverine's leader");
            await Task.Delay(500);
        }
    }

    private async Task<List<Guid>> NodeIdsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"select id from {await WolverineSchemaAsync(connection)}.wolverine_nodes", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Where Wolverine's leader placed each async projection shard (agent URI -> node id), waiting for both to be placed.</summary>
    private async Task<Dictionary<string, Guid>> ShardsAsync(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                $"select id, node_id from {await WolverineSchemaAsync(connection)}.wolverine_node_assignments where id like 'event-subscriptions://%'", connection);
            var shards = new Dictionary<string, Guid>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) shards[reader.GetString(0)] = reader.GetGuid(1);
            if (shards.Count >= 2 || DateTime.UtcNow > deadline) return shards;
            await Task.Delay(500);
        }
    }

    private ServiceProcess Node(string name, string signingKey, TimeSpan offset)
    {
        var node = new ServiceProcess(options.LedgerDll, _connectionString, Path.Combine(options.PostgresDir, $"node-{name}-{seed}.log"), signingKey);
        node.Settings["Ledger__Durability"] = "Balanced";
        node.Settings["Ledger__Drill__ClockOffset"] = offset.ToString("c");
        node.Settings["ASPNETCORE_ENVIRONMENT"] = "Staging";
        // Leadership, assignments and dead-node ejection in the node logs (kept with LEDGER_FAULTS_KEEP=1).
        node.Settings["Logging__LogLevel__Wolverine.Runtime.Agents"] = "Information";
        return node;
    }

    private async Task ClientAsync(int client, HttpClient[] nodes, List<Guid> travellers, CancellationToken stop)
    {
        var random = new Random(seed + 100 + client);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var traveller = travellers[random.Next(travellers.Count)];
            var crossingId = $"n{client}-{n}";
            var body = new
            {
                crossingId, direction = random.Next(2) == 0 ? "entry" : "exit",
                country = LedgerApi.Countries[random.Next(LedgerApi.Countries.Length)],
                date = new DateOnly(2000, 1, 1).AddDays(random.Next(7000)).ToString("yyyy-MM-dd"),
            };
            await PostUntilAcknowledgedAsync(nodes, n % 2, traveller, crossingId, body);
        }
    }

    /// <summary>As a load balancer would: a request the chosen node cannot answer goes to the other node.</summary>
    private async Task PostUntilAcknowledgedAsync(HttpClient[] nodes, int first, Guid traveller, string crossingId, object body)
    {
        _sent[crossingId] = traveller;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            var http = nodes[(first + attempt) % 2];
            if (attempt > 0) Interlocked.Increment(ref _switched);
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await http.PostAsJsonAsync($"/travellers/{traveller}/crossings", body);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300) { _acknowledged[crossingId] = traveller; return; }
                if (status < 500)
                {
                    Console.Error.WriteLine($"faults: two nodes: crossing {crossingId} refused with {status}");
                    return;
                }
                if (status != 503) Interlocked.Increment(ref _other5xx);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
    }

    private async Task<(int Lost, int Duplicated)> VerifyCrossingsAsync(HttpClient http, List<Guid> travellers)
    {
        var present = await LedgerApi.PresentCrossingsAsync(http, travellers, _sent);
        var lost = _acknowledged.Keys.Count(id => !id.StartsWith("warn-") && !present.ContainsKey(id));
        return (lost, present.Count(p => p.Value > 1));
    }

    private sealed record WarningCheck(int Issued, int IssuedTwice, int ScheduledFired, int AlertsMissing, int AlertsDuplicated, int Delivered, int Undelivered,
        List<double> CheckDelays);

    /// <summary>
    /// Waits (bounded) for both warnings of every traveller in the stream, the feed and the receiver. A "5 days left"
    /// warning recorded by the ledger itself (not by the client's write, which issues it at once when it lands after
    /// midnight) came from a check: its delay is the event's recorded time minus the (real) midnight it was due at.
    /// </summary>
    private async Task<WarningCheck> VerifyWarningsAsync(HttpClient http, List<Guid> travellers, DeliveryReceiver receiver, DateTimeOffset realMidnight)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(options.Short ? 90 : 120);
        while (true)
        {
            int issued = 0, twice = 0, scheduled = 0, alertsMissing = 0, alertsDuplicated = 0, delivered = 0, undelivered = 0;
            var delays = new List<double>();
            foreach (var traveller in travellers)
            {
                var events = await LedgerApi.GetJsonAsync(http, $"/travellers/{traveller}/events");
                var list = events.ValueKind == JsonValueKind.Array ? events : events.GetProperty("events");
                var warnings = list.EnumerateArray()
                    .Where(e => e.GetProperty("type").GetString()!.Replace("_", "").Equals("WarningIssued", StringComparison.OrdinalIgnoreCase))
                    .Select(e => (Id: e.GetProperty("data").GetProperty("warningId").GetString()!, Threshold: e.GetProperty("data").GetProperty("threshold").GetString()!))
                    .ToList();
                issued += warnings.Select(w => w.Id).Distinct().Count();
                twice += warnings.Count - warnings.Select(w => w.Id).Distinct().Count()
                    + warnings.GroupBy(w => w.Threshold).Count(g => g.Count() > 1);
                if (warnings.Any(w => w.Threshold == "5-days-left")) scheduled++;
                foreach (var e in list.EnumerateArray())
                    if (e.GetProperty("type").GetString()!.Replace("_", "").Equals("WarningIssued", StringComparison.OrdinalIgnoreCase)
                        && e.GetProperty("data").GetProperty("threshold").GetString() == "5-days-left"
                        && e.TryGetProperty("recordedBy", out var by) && by.GetString() == "ledger")
                        delays.Add((e.GetProperty("recordedAt").GetDateTimeOffset() - realMidnight).TotalSeconds);

                var alerts = (await LedgerApi.GetJsonAsync(http, $"/alerts?traveller={traveller}&limit=500"))
                    .GetProperty("alerts").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList();
                alertsMissing += warnings.Select(w => w.Id).Distinct().Count(id => !alerts.Contains(id));
                alertsDuplicated += alerts.Count - alerts.Distinct().Count();
                foreach (var id in warnings.Select(w => w.Id).Distinct())
                {
                    if (receiver.WarningIds.ContainsKey(id)) delivered++;
                    else undelivered++;
                }
            }
            var complete = scheduled == travellers.Count && issued >= travellers.Count * 2 && alertsMissing == 0 && undelivered == 0;
            if (complete || DateTime.UtcNow > deadline)
                return new WarningCheck(issued, twice, scheduled, alertsMissing, alertsDuplicated, delivered, undelivered, delays);
            await Task.Delay(1000);
        }
    }

    /// <summary>Seconds until the survivor's /health is 200 with every async shard at the head of the log.</summary>
    private static async Task<double?> CaughtUpSecondsAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var health = await response.Content.ReadFromJsonAsync<JsonElement>();
                    var lags = health.GetProperty("checks").GetProperty("projections").GetProperty("data");
                    if (lags.EnumerateObject().Any() && lags.EnumerateObject().All(l => l.Value.GetInt64() == 0))
                        return Math.Round(clock.Elapsed.TotalSeconds, 1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException) { }
            await Task.Delay(500);
        }
        return null;
    }

    /// <summary>A webhook receiver on loopback: which warning ids arrived, and how many arrived again.</summary>
    private sealed class DeliveryReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _repeats;
        public ConcurrentDictionary<string, int> WarningIds { get; } = new();
        public string Url { get; }
        public int Repeats => _repeats;

        public DeliveryReceiver()
        {
            var port = ServiceProcess.FreePort();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); } catch { return; }
                var warningId = context.Request.Headers["X-Ledger-Warning-Id"] ?? "";
                if (WarningIds.AddOrUpdate(warningId, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref _repeats);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
