using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Projections.Evidence;
using Ledger.Projections.Incidents;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Ledger.Writing;

namespace Ledger.Tests.Evidence;

/// <summary>Crossings in any order, anomalies derived from them, evidence and decisions settling them, over HTTP.</summary>
public class AnomalyTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private string Today => app.DaysAgo(0);

    private async Task<JsonElement> StatusAsync(Guid id, string query = "") =>
        await app.GetJsonAsync($"/travellers/{id}/status?on={Today}{query}");

    private static JsonElement Schengen(JsonElement status) =>
        status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen");

    private static List<string?> AnomalyIds(JsonElement status) =>
        status.GetProperty("anomalies").EnumerateArray().Select(a => a.GetProperty("anomalyId").GetString()).ToList();

    // in-1 120 days ago, then (exit missing) in-2 30 days ago and out-2 20 days ago: 12 days present, the 89 days
    // between the entries uncertain: 101 if they were present, so the determination is undetermined. Recorded last
    // first, so that no intermediate state has the traveller inside (which would be an overstay of its own).
    private async Task<Guid> TravellerWithGapAsync()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "out-2", "exit", "FR", app.DaysAgo(20))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in-2", "entry", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in-1", "entry", "FR", app.DaysAgo(120))).EnsureSuccessStatusCode();
        return id;
    }

    private object PresentInFrance(string evidenceId = "bp-1") => new
    {
        evidenceId, kind = "residenceRecord", presentIn = "FR", first = app.DaysAgo(119), last = app.DaysAgo(31), source = "prefecture register",
    };

    [Fact]
    public async Task Every_arrival_order_of_a_stays_records_ends_in_the_same_status_as_the_batch()
    {
        (string Id, string Direction, string Country, int DaysAgo)[] records =
            [("in-1", "entry", "FR", 100), ("out-1", "exit", "DE", 60), ("in-2", "entry", "IT", 40), ("out-2", "exit", "FR", 10)];

        var batch = await app.RegisterTravellerAsync();
        var response = await app.PostAsync($"/travellers/{batch}/crossings/batch", new
        {
            crossings = records.Select(r => new { crossingId = r.Id, direction = r.Direction, country = r.Country, date = app.DaysAgo(r.DaysAgo) }),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await StatusAsync(batch);
        Assert.Equal(41 + 31, Schengen(expected).GetProperty("daysUsed").GetInt32());
        Assert.Empty(expected.GetProperty("anomalies").EnumerateArray());

        foreach (var order in Permutations([0, 1, 2, 3]))
        {
            var id = await app.RegisterTravellerAsync();
            foreach (var r in order.Select(i => records[i]))
                Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, r.Id, r.Direction, r.Country, app.DaysAgo(r.DaysAgo))).StatusCode);
            var status = await StatusAsync(id);
            Assert.Equal(expected.GetProperty("regimes").GetRawText(), status.GetProperty("regimes").GetRawText());
            Assert.Equal(expected.GetProperty("anomalies").GetRawText(), status.GetProperty("anomalies").GetRawText());
        }
    }

    private static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1) { yield return items; yield break; }
        foreach (var item in items)
            foreach (var rest in Permutations(items.Where(i => i != item).ToList()))
                yield return [item, .. rest];
    }

    [Fact]
    public async Task An_undetermined_period_raises_records_incomplete_not_an_incident_and_evidence_then_decides_it()
    {
        var id = await TravellerWithGapAsync();
        var schengen = Schengen(await StatusAsync(id));
        Assert.Equal((12, 101, "undetermined"),
            (schengen.GetProperty("daysUsed").GetInt32(), schengen.GetProperty("daysUsedIfPresent").GetInt32(), schengen.GetProperty("determination").GetString()));
        Assert.Equal(["missingExit:in-1+in-2"], schengen.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));

        var events = await app.EventsOfAsync(id);
        Assert.DoesNotContain(events, e => e is IncidentRecorded);
        var warning = Assert.Single(events.OfType<WarningIssued>());
        Assert.Equal((WarningRules.RecordsIncomplete, "in-1"), (warning.Threshold, warning.Facts.StayEntryCrossingId));
        Assert.Contains("missingExit:in-1+in-2", warning.WarningId);

        // Evidence that the traveller lived in France over the gap: every uncertain day is present, and the period unlawful.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/evidence", PresentInFrance())).StatusCode);
        var settled = await StatusAsync(id);
        Assert.Equal((101, 101, "unlawful"), (Schengen(settled).GetProperty("daysUsed").GetInt32(),
            Schengen(settled).GetProperty("daysUsedIfPresent").GetInt32(), Schengen(settled).GetProperty("determination").GetString()));
        var anomaly = Assert.Single(settled.GetProperty("anomalies").EnumerateArray());
        Assert.Equal("resolved", anomaly.GetProperty("status").GetString());
        Assert.Equal(["bp-1"], anomaly.GetProperty("resolution").GetProperty("evidenceIds").EnumerateArray().Select(e => e.GetString()));
        var incident = Assert.Single((await app.EventsOfAsync(id)).OfType<IncidentRecorded>());
        Assert.Equal(OverstayDetection.IncidentIdFor("schengen", DateOnly.Parse(app.DaysAgo(30), System.Globalization.CultureInfo.InvariantCulture)), incident.IncidentId);

        // A resend adds nothing; other content under the same id is a conflict.
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/evidence", PresentInFrance())).StatusCode);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/evidence", new
        {
            evidenceId = "bp-1", kind = "ticket", presentIn = "FR", first = app.DaysAgo(119), last = app.DaysAgo(31), source = "prefecture register",
        }), HttpStatusCode.Conflict);

        // Voided, the evidence settles nothing: the period is undetermined again and the ledger retracts its incident.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/evidence/bp-1/void", new { reason = "another person's record" })).StatusCode);
        Assert.Equal("undetermined", Schengen(await StatusAsync(id)).GetProperty("determination").GetString());
        Assert.Single((await app.EventsOfAsync(id)).OfType<IncidentExpunged>());
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/evidence/bp-1/void", new { reason = "again" })).StatusCode);
    }

    [Fact]
    public async Task A_caseworker_decision_resolves_an_anomaly_and_as_known_at_shows_when()
    {
        var id = await TravellerWithGapAsync();
        await Task.Delay(50); // recorded timestamps come from the database clock
        var beforeDecision = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        await Task.Delay(50);

        var decision = new { anomalyId = "missingExit:in-1+in-2", presumption = "absent", reason = "boarding passes home and back" };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/anomaly-resolutions", decision)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/anomaly-resolutions", decision)).StatusCode);

        var now = await StatusAsync(id);
        Assert.Equal((12, 12, "lawful"), (Schengen(now).GetProperty("daysUsed").GetInt32(),
            Schengen(now).GetProperty("daysUsedIfPresent").GetInt32(), Schengen(now).GetProperty("determination").GetString()));
        var resolution = Assert.Single(now.GetProperty("anomalies").EnumerateArray()).GetProperty("resolution");
        Assert.Equal(("decision", "absent"), (resolution.GetProperty("by").GetString(), resolution.GetProperty("presumption").GetString()));

        var then = await StatusAsync(id, $"&asKnownAt={beforeDecision}");
        Assert.Equal("open", Assert.Single(then.GetProperty("anomalies").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal("undetermined", Schengen(then).GetProperty("determination").GetString());

        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/anomaly-resolutions",
            new { anomalyId = "missingExit:nope", presumption = "absent", reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task As_known_at_shows_the_anomaly_before_the_late_record_arrived_and_not_after()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in-1", "entry", "ES", app.DaysAgo(40))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in-2", "entry", "ES", app.DaysAgo(20))).EnsureSuccessStatusCode();
        await Task.Delay(50);
        var beforeLateExit = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        await Task.Delay(50);
        (await app.RecordCrossingAsync(id, "out-1", "exit", "ES", app.DaysAgo(35))).EnsureSuccessStatusCode();

        Assert.Empty(AnomalyIds(await StatusAsync(id)));
        Assert.Equal(["missingExit:in-1+in-2"], AnomalyIds(await StatusAsync(id, $"&asKnownAt={beforeLateExit}")));
        // Compliance and the crossings list carry the same view.
        var report = await app.GetJsonAsync($"/travellers/{id}/compliance?from={app.DaysAgo(40)}&to={Today}&asKnownAt={beforeLateExit}");
        Assert.Equal("missingExit:in-1+in-2", Assert.Single(report.GetProperty("anomalies").EnumerateArray()).GetProperty("anomalyId").GetString());
        Assert.True(report.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("day").GetString() == app.DaysAgo(30)).GetProperty("uncertain").GetBoolean());
    }

    [Fact]
    public async Task The_csv_report_gains_an_uncertain_column_when_the_records_leave_days_uncertain()
    {
        var id = await TravellerWithGapAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/travellers/{id}/compliance?from={app.DaysAgo(121)}&to={app.DaysAgo(119)}");
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await app.Http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Equal(
            "date,daysUsed,present,unlawful,uncertain,daysUsedIfPresent\n" +
            $"{app.DaysAgo(121)},0,false,false,false,0\n{app.DaysAgo(120)},1,true,false,false,1\n{app.DaysAgo(119)},1,false,false,true,2\n",
            csv);
    }

    [Fact]
    public async Task Conflicting_records_of_one_crossing_count_once_by_precedence_and_both_are_shown()
    {
        var id = await app.RegisterTravellerAsync();
        foreach (var (crossingId, date, source) in new[] { ("stamp", app.DaysAgo(10), "passportStamp"), ("ees", app.DaysAgo(9), "borderSystem") })
            (await app.PostAsync($"/travellers/{id}/crossings", new { crossingId, direction = "entry", country = "FR", date, source })).EnsureSuccessStatusCode();
        var status = await StatusAsync(id);
        var anomaly = Assert.Single(status.GetProperty("anomalies").EnumerateArray());
        Assert.Equal(("conflictingRecords", "decidedByPrecedence"), (anomaly.GetProperty("kind").GetString(), anomaly.GetProperty("status").GetString()));
        Assert.Equal(["ees", "stamp"], anomaly.GetProperty("crossingIds").EnumerateArray().Select(c => c.GetString()));
        var counted = anomaly.GetProperty("countedCrossingId").GetString();
        Assert.Equal(counted == "stamp" ? 11 : 10, Schengen(status).GetProperty("daysUsed").GetInt32());
        Assert.Equal("lawful", Schengen(status).GetProperty("determination").GetString());
        // No day is uncertain: there is nothing for a caseworker to decide.
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/anomaly-resolutions",
            new { anomalyId = anomaly.GetProperty("anomalyId").GetString(), presumption = "present", reason = "x" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Shared_records_carry_the_anomalies_of_shared_crossings()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(5))).EnsureSuccessStatusCode();
        var shared = await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=DE");
        var anomaly = Assert.Single(shared.GetProperty("anomalies").EnumerateArray());
        Assert.Equal(("missingEntry:out", "FR"), (anomaly.GetProperty("record").GetProperty("anomalyId").GetString(), anomaly.GetProperty("holder").GetString()));
    }

    [Theory]
    [InlineData("""{ "evidenceId": "e", "kind": "stamp", "first": "2025-01-01", "last": "2025-01-02", "source": "s" }""", "presentIn or absentFrom")]
    [InlineData("""{ "evidenceId": "e", "kind": "stamp", "presentIn": "FR", "absentFrom": "schengen", "first": "2025-01-01", "last": "2025-01-02", "source": "s" }""", "presentIn or absentFrom")]
    [InlineData("""{ "evidenceId": "e", "kind": "selfie", "presentIn": "FR", "first": "2025-01-01", "last": "2025-01-02", "source": "s" }""", "kind")]
    [InlineData("""{ "evidenceId": "e", "kind": "stamp", "absentFrom": "mars", "first": "2025-01-01", "last": "2025-01-02", "source": "s" }""", "absentFrom")]
    [InlineData("""{ "evidenceId": "e", "kind": "stamp", "presentIn": "FR", "first": "2025-01-03", "last": "2025-01-02", "source": "s" }""", "last")]
    [InlineData("""{ "evidenceId": "e", "kind": "stamp", "presentIn": "FR", "first": "2025-01-01", "last": "2199-01-02", "source": "s" }""", "last")]
    [InlineData("""{ "evidenceId": "e", "kind": "stamp", "presentIn": "FR", "first": "2025-01-01", "last": "2025-01-02" }""", "source")]
    public async Task Malformed_evidence_is_400_and_leaves_the_stream_unchanged(string body, string field)
    {
        var id = await app.RegisterTravellerAsync();
        var version = await app.StreamVersionAsync(id);
        var response = await app.Http.PostAsync($"/travellers/{id}/evidence", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(field, problem.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Evidence_for_an_unknown_traveller_or_an_unknown_evidence_void_is_404()
    {
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{Guid.NewGuid()}/evidence", PresentInFrance()), HttpStatusCode.NotFound);
        var id = await app.RegisterTravellerAsync();
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/evidence/nope/void", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Recording_evidence_is_refused_to_a_recorder_and_to_a_caseworker_of_another_country()
    {
        var id = await TravellerWithGapAsync();
        using var recorder = app.ClientAs([Role.Recorder], ["FR"]);
        await Problem.AssertAsync(await recorder.PostAsJsonAsync($"/travellers/{id}/evidence", PresentInFrance()), HttpStatusCode.Forbidden);
        using var german = app.ClientAs([Role.Caseworker], ["DE"]);
        await Problem.AssertAsync(await german.PostAsJsonAsync($"/travellers/{id}/evidence", PresentInFrance()), HttpStatusCode.Forbidden);
        // Absence from an area is for any caseworker.
        Assert.Equal(HttpStatusCode.Created, (await german.PostAsJsonAsync($"/travellers/{id}/evidence", new
        {
            evidenceId = "reg-1", kind = "residenceRecord", absentFrom = "schengen", first = app.DaysAgo(119), last = app.DaysAgo(100), source = "registry",
        })).StatusCode);
    }

    [Fact]
    public async Task Voiding_evidence_is_refused_to_a_recorder_and_to_a_caseworker_of_another_country()
    {
        var id = await TravellerWithGapAsync();
        (await app.PostAsync($"/travellers/{id}/evidence", PresentInFrance())).EnsureSuccessStatusCode();
        var version = await app.StreamVersionAsync(id);
        using var recorder = app.ClientAs([Role.Recorder], ["FR"]);
        await Problem.AssertAsync(await recorder.PostAsJsonAsync($"/travellers/{id}/evidence/bp-1/void", new { reason = "x" }), HttpStatusCode.Forbidden);
        using var german = app.ClientAs([Role.Caseworker], ["DE"]);
        await Problem.AssertAsync(await german.PostAsJsonAsync($"/travellers/{id}/evidence/bp-1/void", new { reason = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Resolving_an_anomaly_is_refused_to_a_recorder()
    {
        var id = await TravellerWithGapAsync();
        using var recorder = app.ClientAs([Role.Recorder], ["FR"]);
        await Problem.AssertAsync(await recorder.PostAsJsonAsync($"/travellers/{id}/anomaly-resolutions",
            new { anomalyId = "missingExit:in-1+in-2", presumption = "absent", reason = "x" }), HttpStatusCode.Forbidden);
    }
}
