using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Faults;

public sealed record FuzzResult(
    int Requests, int Answered2xx, int Answered4xx, int Answered5xx, int ConnectionErrors, int BaselineRequests, int BaselineRefused,
    int LogLeaks, int PostgresLogLeaks, IReadOnlyList<string> FiveHundreds, IReadOnlyDictionary<string, MutationCount> ByMutation,
    IReadOnlyDictionary<string, MutationCount> ByRoute);

/// <summary>Requests of one kind of mutation, and how many were accepted (a mutation that leaves the body valid, such as
/// an unknown extra field, an odd but real date or a duplicate key whose last value is valid, is rightly a 2xx).</summary>
public sealed record MutationCount(int Requests, int Accepted);

/// <summary>
/// Hostile input over every write route: each request is a valid body (or path) with one thing broken: wrong types,
/// NUL and control characters, 100 KB strings, 10,000-item lists, deep nesting, empty and all-zero GUIDs, wrong content
/// types, duplicate keys, numbers and comma lists for enums, missing and non-object bodies. Every value the fuzzer
/// invents carries a marker string; the service's log (and PostgreSQL's) must never contain it.
/// </summary>
public sealed class FuzzRun(FaultOptions options, ServiceProcess service, string postgresLog)
{
    private readonly string _marker = "FZ" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
    private int _unique;

    /// <summary>A write route: how to fill its path, its valid body, and which fields are enums, lists, or ids in the path.</summary>
    private sealed record Route(string Name, string Method, Func<string> Path, Func<JsonObject>? Body, string[] Enums, string[] Lists, string ContentType = "application/json")
    {
        /// <summary>Routes whose valid request names something that need not exist (a random webhook, an anomaly id): 404 is their valid answer.</summary>
        public bool NotFoundIsValid => Name is "anomaly-resolutions" or "webhooks/replay" or "webhooks/delete" or "identity";
    }

    private sealed record Attempt(string Route, string Mutation, string Method, string Path, byte[]? Body, string? ContentType);

    public async Task<FuzzResult> RunAsync()
    {
        using var http = LedgerApi.Client(service, TimeSpan.FromSeconds(30));
        var ctx = await SetUpAsync(http);
        var routes = Routes(ctx);

        // Every route's valid body first: proves the fuzz starts from bodies the service accepts (else it fuzzes nothing).
        var baseline = 0; var baselineRefused = 0;
        foreach (var route in routes)
        {
            baseline++;
            using var response = await SendAsync(http, new Attempt(route.Name, "valid", route.Method, route.Path(), route.Body is null ? null : Json(route.Body()), route.ContentType));
            if ((int)response.StatusCode >= 300 && !(route.NotFoundIsValid && response.StatusCode == System.Net.HttpStatusCode.NotFound))
            {
                baselineRefused++;
                Console.Error.WriteLine($"faults: valid {route.Name} answered {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        }

        var random = new Random(options.Seed);
        var attempts = Enumerable.Range(0, options.FuzzRequests).Select(i => Mutate(routes[i % routes.Count], random)).ToList();
        var statuses = new ConcurrentBag<(Attempt Attempt, int Status, string Body)>();
        var queue = new ConcurrentQueue<Attempt>(attempts);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var attempt))
            {
                try
                {
                    using var response = await SendAsync(http, attempt);
                    var status = (int)response.StatusCode;
                    statuses.Add((attempt, status, status >= 500 ? await response.Content.ReadAsStringAsync() : ""));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    statuses.Add((attempt, 0, e.GetType().Name));
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        var failures = statuses.Where(s => s.Status >= 500 || s.Status == 0)
            .Select(s => $"{s.Status} {s.Attempt.Method} {s.Attempt.Route} [{s.Attempt.Mutation}]: {Truncate(s.Body)}").Distinct().Take(20).ToList();
        foreach (var failure in failures) Console.Error.WriteLine($"faults: fuzz {failure}");
        await Task.Delay(1000); // let the service's log writer flush
        return new FuzzResult(statuses.Count, statuses.Count(s => s.Status is >= 200 and < 300), statuses.Count(s => s.Status is >= 400 and < 500),
            statuses.Count(s => s.Status >= 500), statuses.Count(s => s.Status == 0), baseline, baselineRefused,
            Occurrences(service.LogPath), Occurrences(postgresLog), failures,
            statuses.GroupBy(s => s.Attempt.Mutation.Split(':')[0]).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => new MutationCount(g.Count(), g.Count(s => s.Status is >= 200 and < 300))),
            // POST /imports answers 200 with a result per line, refused lines included: its 2xx are not acceptances.
            statuses.GroupBy(s => s.Attempt.Route).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => new MutationCount(g.Count(), g.Count(s => s.Status is >= 200 and < 300))));
    }

    private int Occurrences(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
            for (var at = line.IndexOf(_marker, StringComparison.Ordinal); at >= 0; at = line.IndexOf(_marker, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Attempt attempt)
    {
        var request = new HttpRequestMessage(new HttpMethod(attempt.Method), attempt.Path);
        if (attempt.Body is not null)
        {
            request.Content = new ByteArrayContent(attempt.Body);
            request.Content.Headers.ContentType = attempt.ContentType is null ? null : MediaTypeHeaderValue.Parse(attempt.ContentType);
        }
        return await http.SendAsync(request);
    }

    private sealed record Context(Guid Traveller, string Crossing, string Evidence, string Visa, string Incident);

    private async Task<Context> SetUpAsync(HttpClient http)
    {
        var traveller = await LedgerApi.RegisterAsync(http, "US");
        return new Context(traveller, "fz-crossing", "fz-evidence", "fz-visa", "fz-incident");
    }

    private string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _unique)}";

    /// <summary>Every write route of the role table in docs/access.md, with a valid body; the setup records (crossing, visa, ...) are created by the baseline pass in this order.</summary>
    private List<Route> Routes(Context c)
    {
        var t = c.Traveller;
        var crossing = () => new JsonObject
        {
            ["crossingId"] = Unique("fz-c"), ["direction"] = "entry", ["country"] = "FR", ["date"] = "2020-01-01",
            ["time"] = "10:00", ["timeZone"] = "Europe/Paris", ["borderPoint"] = "CDG", ["source"] = "borderSystem",
        };
        string[] crossingEnums = ["direction", "source"];
        return
        [
            new("travellers", "POST", () => "/travellers", () => new JsonObject
            {
                ["nationalities"] = new JsonArray("US"), ["givenNames"] = "Ann", ["familyName"] = "Lee", ["dateOfBirth"] = "1980-01-02",
                ["documents"] = new JsonArray(new JsonObject { ["type"] = "passport", ["number"] = "X123", ["issuingCountry"] = "US" }),
            }, [], ["nationalities", "documents"]),
            new("crossings", "POST", () => $"/travellers/{t}/crossings", () => { var b = crossing(); b["crossingId"] = c.Crossing; return b; }, crossingEnums, []),
            new("crossings", "POST", () => $"/travellers/{t}/crossings", crossing, crossingEnums, []),
            new("crossings/batch", "POST", () => $"/travellers/{t}/crossings/batch", () => new JsonObject { ["crossings"] = new JsonArray(crossing(), crossing()) }, [], ["crossings"]),
            new("imports", "POST", () => $"/imports?importId={Unique("fz-import")}", () => { var b = crossing(); b["travellerId"] = t.ToString(); return b; }, crossingEnums, [], "application/x-ndjson"),
            new("corrections", "POST", () => $"/travellers/{t}/crossings/{c.Crossing}/corrections", () => new JsonObject
            {
                ["action"] = "correct", ["reason"] = "typo", ["direction"] = "entry", ["country"] = "FR", ["date"] = "2020-01-01",
            }, ["action", "direction"], []),
            new("evidence", "POST", () => $"/travellers/{t}/evidence", () => new JsonObject
            {
                ["evidenceId"] = c.Evidence, ["kind"] = "stamp", ["presentIn"] = "FR", ["first"] = "2020-01-01", ["last"] = "2020-01-02",
                ["source"] = "scan", ["note"] = "n",
            }, ["kind"], []),
            new("evidence/void", "POST", () => $"/travellers/{t}/evidence/{c.Evidence}/void", () => new JsonObject { ["reason"] = "mistake" }, [], []),
            new("anomaly-resolutions", "POST", () => $"/travellers/{t}/anomaly-resolutions", () => new JsonObject
            {
                ["anomalyId"] = "missing-exit:x", ["presumption"] = "present", ["reason"] = "r",
            }, ["presumption"], []),
            new("permits", "POST", () => $"/travellers/{t}/permits", () => new JsonObject
            {
                ["permitId"] = Unique("fz-p"), ["country"] = "FR", ["kind"] = "residencePermit", ["first"] = "2019-01-01", ["last"] = "2019-06-01",
            }, ["kind"], []),
            new("visas/applications", "POST", () => $"/travellers/{t}/visas/applications", () => new JsonObject
            {
                ["applicationId"] = "fz-app", ["state"] = "FR", ["type"] = "C", ["date"] = "2021-01-01",
            }, ["type"], []),
            new("visas", "POST", () => $"/travellers/{t}/visas", () => new JsonObject
            {
                ["visaId"] = c.Visa, ["applicationId"] = "fz-app", ["issuingState"] = "FR", ["type"] = "C", ["entries"] = "multiple",
                ["validFrom"] = "2021-02-01", ["validUntil"] = "2021-08-01", ["durationDays"] = 90, ["issuedOn"] = "2021-01-20",
            }, ["type", "entries"], []),
            new("visas/extensions", "POST", () => $"/travellers/{t}/visas/{c.Visa}/extensions", () => new JsonObject
            {
                ["validUntil"] = "2021-09-01", ["durationDays"] = 90, ["date"] = "2021-03-01", ["reason"] = "r",
            }, [], []),
            new("visas/refusals", "POST", () => $"/travellers/{t}/visas/refusals", () => new JsonObject
            {
                ["applicationId"] = Unique("fz-app"), ["state"] = "FR", ["date"] = "2021-01-01", ["ground"] = "g",
                ["application"] = new JsonObject { ["type"] = "C", ["date"] = "2021-01-01" },
            }, [], []),
            new("visas/revocations", "POST", () => $"/travellers/{t}/visas/{c.Visa}/revocations", () => new JsonObject
            {
                ["kind"] = "revoked", ["state"] = "FR", ["date"] = "2021-04-01", ["reason"] = "r",
            }, ["kind"], []),
            new("incidents", "POST", () => $"/travellers/{t}/incidents", () => new JsonObject
            {
                ["incidentId"] = c.Incident, ["jurisdiction"] = "FR", ["date"] = "2021-01-01", ["category"] = "arrest", ["severity"] = "low",
                ["source"] = "police", ["description"] = "d", ["role"] = "subject",
            }, ["category", "severity", "role"], []),
            new("incidents/outcomes", "POST", () => $"/travellers/{t}/incidents/{c.Incident}/outcomes", () => new JsonObject
            {
                ["outcome"] = "charged", ["date"] = "2021-02-01", ["note"] = "n",
            }, ["outcome"], []),
            new("groups", "POST", () => "/groups", () => new JsonObject { ["name"] = "household", ["members"] = new JsonArray(t.ToString()) }, [], ["members"]),
            new("incidents/resolution", "POST", () => $"/travellers/{t}/incidents/{c.Incident}/resolution", () => new JsonObject { ["date"] = "2021-02-01", ["text"] = "t" }, [], []),
            new("incidents/expungement", "POST", () => $"/travellers/{t}/incidents/{c.Incident}/expungement", () => new JsonObject { ["date"] = "2021-03-01", ["text"] = "t" }, [], []),
            new("webhooks", "POST", () => "/webhooks", () => new JsonObject { ["url"] = "http://127.0.0.1:9/fuzz", ["secret"] = "0123456789abcdef0123" }, [], []),
            new("webhooks/replay", "POST", () => $"/webhooks/deliveries/{Guid.NewGuid()}/replay", null, [], []),
            new("webhooks/delete", "DELETE", () => $"/webhooks/{Guid.NewGuid()}", null, [], []),
            new("identity", "DELETE", () => $"/travellers/{Guid.NewGuid()}/identity", null, [], []),
        ];
    }

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static readonly string[] Controls = ["\u0000", "\u0001", "\u0008", "\u001b", "\u007f", "\u0085", "\u2028", "\ufeff", "\r\n", "\t"];

    private Attempt Mutate(Route route, Random random)
    {
        var path = route.Path();
        var body = route.Body?.Invoke();
        var fields = body?.Select(p => p.Key).ToList() ?? [];
        var field = fields.Count > 0 ? fields[random.Next(fields.Count)] : null;
        var m = _marker;
        Attempt With(string mutation, JsonNode? node, string? contentType = null, string? p = null) =>
            new(route.Name, mutation, route.Method, p ?? path, node is null ? null : Json(node), contentType ?? route.ContentType);
        Attempt Raw(string mutation, string raw, string? contentType = null, string? p = null) =>
            new(route.Name, mutation, route.Method, p ?? path, Encoding.UTF8.GetBytes(raw), contentType ?? route.ContentType);

        var kind = random.Next(body is null ? 3 : 16);
        if (body is null || field is null) kind = 100 + kind; // body-less routes: path mutations only
        switch (kind)
        {
            case 0: // wrong type
            {
                JsonNode?[] wrong = [12345, -1, 1e308, true, new JsonArray(), new JsonObject { ["a"] = m }, new JsonArray(m, 1), m + "-text", "", 2147483648L];
                body![field!] = wrong[random.Next(wrong.Length)];
                return With($"wrongType:{field}", body);
            }
            case 1: // NUL and control characters
                body![field!] = m + Controls[random.Next(Controls.Length)] + "x";
                return With($"control:{field}", body);
            case 2: // 100 KB string
                body![field!] = m + new string('x', 100_000);
                return With($"hugeString:{field}", body);
            case 3: // 10,000-item list, in a list field or any field
            {
                var target = route.Lists.Length > 0 && random.Next(2) == 0 ? route.Lists[random.Next(route.Lists.Length)] : field!;
                var item = body![target] is JsonArray { Count: > 0 } existing ? existing[0] : JsonValue.Create(m);
                var list = new JsonArray();
                for (var i = 0; i < 10_000; i++) list.Add(item is JsonValue ? JsonValue.Create(m + i) : item!.DeepClone());
                body[target] = list;
                return With($"hugeList:{target}", body);
            }
            case 4: // deep nesting inside a field (raw: the serializer would refuse to write it)
            {
                var depth = random.Next(2) == 0 ? 70 : 5_000;
                body![field!] = "__NEST__";
                var raw = body.ToJsonString().Replace("\"__NEST__\"", new string('[', depth) + $"\"{m}\"" + new string(']', depth));
                return Raw($"deepNesting:{field}", raw);
            }
            case 5: // duplicate keys: the second carries the marker
            {
                var raw = body!.ToJsonString();
                raw = raw[..^1] + $",\"{field}\":\"{m}\"}}";
                return Raw($"duplicateKey:{field}", raw);
            }
            case 6: // numbers and comma lists for enums (or for any field when the route has none)
            {
                var target = route.Enums.Length > 0 ? route.Enums[random.Next(route.Enums.Length)] : field!;
                JsonNode?[] odd = [0, 1, 3, 99, "1", "entry,exit", "Medium, High", "low|high", m, "ENTRY ", " entry"];
                body![target] = odd[random.Next(odd.Length)];
                return With($"enum:{target}", body);
            }
            case 7: // wrong content types
            {
                string?[] types = [null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "text/csv", "application/x-ndjson"];
                body![field!] = m;
                return new Attempt(route.Name, "contentType", route.Method, path, Json(body), types[random.Next(types.Length)]);
            }
            case 8: // missing, empty and non-object bodies
            {
                string[] bodies = ["", "null", "[]", "42", $"\"{m}\"", "{", $"{{\"{field}\":\"{m}\"", "{}", "true", $"[{{\"{field}\":\"{m}\"}}]", "\ufeff{}", "{\"a\":1}{\"b\":2}"];
                return Raw("body", bodies[random.Next(bodies.Length)]);
            }
            case 9: // invalid UTF-8 and lone surrogates
                return random.Next(2) == 0
                    ? new Attempt(route.Name, "invalidUtf8", route.Method, path, [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\"{m}"), 0xff, 0xfe, 0xc3, .. "\"}"u8.ToArray()], route.ContentType)
                    : Raw("loneSurrogate", body!.ToJsonString().Replace($"\"{field}\":", $"\"{field}\":\"{m}\\ud800\",\"x\":"));
            case 10: // missing field, null field
                if (random.Next(2) == 0) body!.Remove(field!); else body![field!] = null;
                body!["unknown" + random.Next(3)] = m;
                return With($"missingOrNull:{field}", body);
            case 11: // odd dates and numbers
            {
                JsonNode?[] odd = ["2025-02-30", "0001-01-01", "9999-12-31", "2020-01-01T00:00:00Z", "20200101", "1899-12-31", "2200-01-01", -5, 0, 2147483647, "NaN", 1.5];
                body![field!] = odd[random.Next(odd.Length)];
                return With($"oddValue:{field}", body);
            }
            case 12: // the whole body nested very deep
                return Raw("deepBody", string.Concat(Enumerable.Repeat("{\"a\":", 3_000)) + $"\"{m}\"" + new string('}', 3_000));
            case 13: // control characters in keys
                body![m + "\u0000" + field] = "x";
                return With("controlKey", body);
            default: // the route's traveller id as the empty GUID, a random GUID, or not a GUID
                return PathMutation(route, body is null ? null : Json(body), random);
        }
    }

    private Attempt PathMutation(Route route, byte[]? body, Random random)
    {
        string[] ids = [Guid.Empty.ToString(), Guid.NewGuid().ToString(), "not-a-guid", "%00", "00000000000000000000000000000000", "{" + Guid.Empty + "}", new string('9', 5000), "..%2F..%2F"];
        var id = ids[random.Next(ids.Length)];
        var path = route.Path();
        var segments = path.Split('/');
        // Replace the first GUID in the path (the traveller, webhook or delivery id); routes without one get an id appended where it has meaning.
        var at = Array.FindIndex(segments, s => Guid.TryParse(s, out _));
        if (at < 0) return new Attempt(route.Name, "pathId:none", route.Method, path + (path.Contains('?') ? "&" : "?") + "x=%00", body, route.ContentType);
        segments[at] = id;
        return new Attempt(route.Name, "pathId", route.Method, string.Join('/', segments), body, route.ContentType);
    }
}
