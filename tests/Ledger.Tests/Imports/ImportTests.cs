using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Access;
using Ledger.Crossings;
using Ledger.Projections.Crossings;
using Ledger.Imports;
using Ledger.Projections.Incidents;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Ledger.Warnings;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Persistence.Durability;
using static Ledger.Tests.Imports.ImportsApp;
using Ledger.Writing;

namespace Ledger.Tests.Imports;

public class ImportTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static string NewImportId() => $"import-{Guid.NewGuid():N}";

    private async Task<JsonElement> ImportOkAsync(string importId, string content, string mediaType = JsonLines, HttpClient? client = null)
    {
        var response = await app.ImportAsync(importId, content, mediaType, client);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(int Line, string Outcome, string? Reason)> Outcomes(JsonElement answer) =>
        answer.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("outcome").GetString()!, r.GetProperty("reason").GetString())).ToList();

    private async Task<string> StaysAsync(Guid traveller) => (await app.GetJsonAsync($"/travellers/{traveller}/crossings")).GetProperty("stays").GetRawText();

    [Fact]
    public async Task Lines_for_many_travellers_in_any_order_end_in_the_same_stays_as_single_writes()
    {
        // Three travellers' histories, each also recorded one crossing at a time (in time order) for a twin traveller.
        var histories = new[]
        {
            new[] { ("a1", "entry", "FR", 60), ("a2", "exit", "DE", 50), ("a3", "entry", "IT", 20), ("a4", "exit", "IT", 10) },
            new[] { ("b1", "entry", "ES", 30), ("b2", "exit", "ES", 25), ("b3", "entry", "PT", 5) },
            new[] { ("c1", "entry", "NL", 100), ("c2", "exit", "BE", 99) },
        };
        var imported = new List<Guid>();
        var twins = new List<Guid>();
        var lines = new List<string>();
        foreach (var history in histories)
        {
            var (traveller, twin) = (await app.RegisterTravellerAsync("US"), await app.RegisterTravellerAsync("US"));
            imported.Add(traveller);
            twins.Add(twin);
            foreach (var (id, direction, country, daysAgo) in history)
            {
                (await app.RecordCrossingAsync(twin, id, direction, country, app.DaysAgo(daysAgo))).EnsureSuccessStatusCode();
                lines.Add(Line(traveller, id, direction, country, app.DaysAgo(daysAgo)));
            }
        }
        // Interleaved across travellers and, per traveller, newest first.
        lines.Reverse();
        var shuffled = lines.Where((_, i) => i % 2 == 0).Concat(lines.Where((_, i) => i % 2 == 1));

        var answer = await ImportOkAsync(NewImportId(), string.Join("\n", shuffled) + "\n");

        Assert.Equal(9, answer.GetProperty("recorded").GetInt32());
        Assert.All(Outcomes(answer), o => Assert.Equal("recorded", o.Outcome));
        for (var i = 0; i < histories.Length; i++)
        {
            Assert.Equal(await StaysAsync(twins[i]), await StaysAsync(imported[i]));
            Assert.Equal(await app.SchengenDaysUsedAsync(twins[i]), await app.SchengenDaysUsedAsync(imported[i]));
        }
    }

    [Fact]
    public async Task Sending_the_same_file_again_adds_nothing_and_answers_already_present()
    {
        var (a, b) = (await app.RegisterTravellerAsync(), await app.RegisterTravellerAsync());
        var file = string.Join("\n", Line(a, "in", "entry", "FR", app.DaysAgo(9)), Line(b, "in", "entry", "DE", app.DaysAgo(4)), Line(a, "out", "exit", "FR", app.DaysAgo(2)));
        var importId = NewImportId();
        var first = await ImportOkAsync(importId, file);
        Assert.Equal(3, first.GetProperty("recorded").GetInt32());
        var versions = (await app.StreamVersionAsync(a), await app.StreamVersionAsync(b));

        var again = await ImportOkAsync(importId, file);

        Assert.Equal(0, again.GetProperty("recorded").GetInt32());
        Assert.Equal(3, again.GetProperty("alreadyPresent").GetInt32());
        Assert.Equal(2, again.GetProperty("attempt").GetInt32());
        Assert.Equal(versions, (await app.StreamVersionAsync(a), await app.StreamVersionAsync(b)));
    }

    [Fact]
    public async Task An_interrupted_import_sent_again_records_what_is_missing_and_completes()
    {
        var travellers = new List<Guid>();
        for (var i = 0; i < 5; i++) travellers.Add(await app.RegisterTravellerAsync());
        var lines = travellers.SelectMany(t => new[] { Line(t, "in", "entry", "FR", app.DaysAgo(20)), Line(t, "out", "exit", "FR", app.DaysAgo(3)) }).ToList();
        var file = string.Join("\n", lines);
        var importId = NewImportId();
        // What a service killed in the middle of this import leaves behind: the import registered and in progress, its
        // first transaction (two travellers' lines) committed through the same handler, the rest never written.
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(new ImportRecord(importId, "test-suite", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file))), lines.Count, 1,
                ImportStatus.InProgress, DateTimeOffset.UtcNow, null, 0, 0, 0));
            await session.SaveChangesAsync();
        }
        var caller = new Caller("test-suite", new HashSet<Role> { Role.Recorder }, new HashSet<string> { "FR" }, null);
        CrossingInput Input(string id, Direction direction, int daysAgo) =>
            new(id, direction, "FR", DateOnly.Parse(app.DaysAgo(daysAgo)), null, null, null, CrossingSource.BorderSystem);
        var firstChunk = travellers.Take(2).Select((t, n) => new TravellerLines(t,
            [new ImportLine(2 * n, 2 * n + 1, Input("in", Direction.Entry, 20)), new ImportLine(2 * n + 1, 2 * n + 2, Input("out", Direction.Exit, 3))])).ToList();
        await app.Services.GetRequiredService<IMessageBus>().InvokeAsync<ImportChunkDone>(new ImportChunk(importId, firstChunk, new Recording("test-suite", "import:" + importId, null, caller)));

        var resumed = await ImportOkAsync(importId, file);

        Assert.Equal([.. Enumerable.Repeat("alreadyPresent", 4), .. Enumerable.Repeat("recorded", 6)], Outcomes(resumed).Select(o => o.Outcome));
        foreach (var t in travellers) Assert.Equal(18, await app.SchengenDaysUsedAsync(t)); // 20 days ago to 3 days ago, once each
        await using var query = app.Store.QuerySession();
        var record = await query.LoadAsync<ImportRecord>(importId);
        Assert.Equal(ImportStatus.Completed, record!.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(6, record.Recorded);
    }

    [Fact]
    public async Task Warnings_incidents_and_scheduled_checks_follow_from_an_import_as_from_single_writes()
    {
        var (nearLimit, overstayer) = (await app.RegisterTravellerAsync("US"), await app.RegisterTravellerAsync("US"));
        var (nearLimitTwin, overstayerTwin) = (await app.RegisterTravellerAsync("US"), await app.RegisterTravellerAsync("US"));
        (await app.RecordCrossingAsync(nearLimitTwin, "in", "entry", "FR", app.DaysAgo(80))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(overstayerTwin, "in", "entry", "FR", app.DaysAgo(100))).EnsureSuccessStatusCode();

        await ImportOkAsync(NewImportId(), Line(nearLimit, "in", "entry", "FR", app.DaysAgo(80)) + "\n" + Line(overstayer, "in", "entry", "FR", app.DaysAgo(100)));

        // 81 days used: the "15 days left" warning now, and the check for the next threshold kept, as a single write keeps it.
        var warning = Assert.Single((await app.EventsOfAsync(nearLimit)).OfType<WarningIssued>());
        var twinWarning = Assert.Single((await app.EventsOfAsync(nearLimitTwin)).OfType<WarningIssued>());
        Assert.Equal((twinWarning.Regime, twinWarning.Threshold, twinWarning.DaysUsed, twinWarning.LastLawfulDay), (warning.Regime, warning.Threshold, warning.DaysUsed, warning.LastLawfulDay));
        Assert.Equal(app.DaysAgo(-4), await app.LaterCheckOfAsync(nearLimit));
        Assert.Equal(await app.LaterCheckOfAsync(nearLimitTwin), await app.LaterCheckOfAsync(nearLimit));
        // 101 days inside: the same overstay incident as single writes record.
        var incident = Assert.Single((await app.EventsOfAsync(overstayer)).OfType<IncidentRecorded>());
        var twinIncident = Assert.Single((await app.EventsOfAsync(overstayerTwin)).OfType<IncidentRecorded>());
        Assert.Equal(twinIncident with { TravellerId = overstayer }, incident);
        Assert.Equal((await app.EventsOfAsync(overstayerTwin)).Select(e => e.GetType()), (await app.EventsOfAsync(overstayer)).Select(e => e.GetType()));
    }

    [Fact]
    public async Task A_csv_file_in_the_stays_format_records_stays_and_single_crossings()
    {
        var (a, b) = (await app.RegisterTravellerAsync(), await app.RegisterTravellerAsync());
        var csv = $"""
            entry,exit,country,travellerId,crossingId,borderPoint
            {app.DaysAgo(30)},{app.DaysAgo(21)},FR,{a},trip1,CDG
            {app.DaysAgo(5)},,DE,{b},,

            ,{app.DaysAgo(2)},DE,{b},,
            """;
        var answer = await ImportOkAsync(NewImportId(), csv, "text/csv");

        Assert.Equal([(2, "recorded"), (2, "recorded"), (3, "recorded"), (5, "recorded")], Outcomes(answer).Select(o => (o.Line, o.Outcome)));
        var crossingsOfA = (await app.GetJsonAsync($"/travellers/{a}/crossings")).GetProperty("crossings").EnumerateArray()
            .Select(c => (c.GetProperty("crossingId").GetString(), c.GetProperty("borderPoint").GetString())).ToList();
        Assert.Equal([("trip1/entry", "CDG"), ("trip1/exit", "CDG")], crossingsOfA);
        Assert.Equal(10, await app.SchengenDaysUsedAsync(a));
        Assert.Equal(4, await app.SchengenDaysUsedAsync(b));
        // Ids derived from the crossing itself: the same file again names the same crossings.
        Assert.Equal(4, (await ImportOkAsync(NewImportId(), csv, "text/csv")).GetProperty("alreadyPresent").GetInt32());
    }

    [Fact]
    public async Task An_officers_admitted_until_date_is_imported_as_a_single_write_records_it()
    {
        // Canada's date stamp: the stay's limit is the officer's date, not the rule's six months (from a JSON line and a CSV stay row).
        var (a, b) = (await app.RegisterTravellerAsync("FR"), await app.RegisterTravellerAsync("FR"));
        var line = System.Text.Json.JsonSerializer.Serialize(new
        {
            travellerId = a, crossingId = "in", direction = "entry", country = "CA", date = "2025-01-10", admittedUntil = "2025-02-01",
        });
        Assert.Equal(1, (await ImportOkAsync(NewImportId(), line)).GetProperty("recorded").GetInt32());
        var csv = $"""
            travellerId,entry,exit,country,crossingId,admittedUntil
            {b},2025-01-10,2025-02-05,CA,trip,2025-02-01
            """;
        Assert.Equal(2, (await ImportOkAsync(NewImportId(), csv, "text/csv")).GetProperty("recorded").GetInt32());

        foreach (var (traveller, entryId) in new[] { (a, "in"), (b, "trip/entry") })
        {
            var crossings = (await app.GetJsonAsync($"/travellers/{traveller}/crossings")).GetProperty("crossings").EnumerateArray().ToList();
            var entry = crossings.Single(c => c.GetProperty("crossingId").GetString() == entryId);
            Assert.Equal("2025-02-01", entry.GetProperty("admittedUntil").GetString());
            Assert.All(crossings.Where(c => c.GetProperty("direction").GetString() == "exit"),
                exit => Assert.Equal(JsonValueKind.Null, exit.GetProperty("admittedUntil").ValueKind));
        }
        // Out on 5 February, four days past the officer's date.
        var status = await app.GetJsonAsync($"/travellers/{b}/status?on=2025-02-05");
        Assert.Equal(4, status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "canada-visitor")
            .GetProperty("overstayDays").GetInt32());
    }

    [Fact]
    public async Task An_import_beside_single_writes_on_the_same_traveller_records_everything()
    {
        // One traveller, written by a live feed (single writes, which lock the stream) while an import of its history
        // runs (chunks lock their travellers' streams too, so each side queues behind the other).
        var traveller = await app.RegisterTravellerAsync("US");
        var history = Enumerable.Range(0, 24).SelectMany(i => new[]
        {
            Line(traveller, $"old-in-{i}", "entry", "FR", app.DaysAgo(3000 - 10 * i)),
            Line(traveller, $"old-out-{i}", "exit", "FR", app.DaysAgo(2998 - 10 * i)),
        });
        var import = app.ImportAsync(NewImportId(), string.Join("\n", history));
        var live = Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var day = app.DaysAgo(400 - 5 * i);
            (await app.RecordCrossingAsync(traveller, $"live-in-{i}", "entry", "DE", day)).EnsureSuccessStatusCode();
            (await app.RecordCrossingAsync(traveller, $"live-out-{i}", "exit", "DE", day)).EnsureSuccessStatusCode();
        }));
        var response = await import;
        await live;

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var ids = (await app.GetJsonAsync($"/travellers/{traveller}/crossings")).GetProperty("crossings").EnumerateArray()
            .Select(c => c.GetProperty("crossingId").GetString()).ToList();
        Assert.Equal(48 + 80, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
