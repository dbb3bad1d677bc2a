using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Projections.Crossings;
using Ledger.Tests.Support;

namespace Ledger.Tests.Crossings;

public class RecordCrossingTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static string DaysAgo(LedgerApp app, int days) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Entry_and_exit_land_in_the_travellers_stream_and_the_status_counts_them()
    {
        var id = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "in-1", "entry", "FR", DaysAgo(app, 20))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "out-1", "exit", "DE", DaysAgo(app, 11))).StatusCode);

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Collection(events.Select(e => e.Data),
            e => Assert.IsType<Ledger.Projections.Travellers.TravellerRegistered>(e),
            e => Assert.Equal("in-1", Assert.IsType<EntryRecorded>(e).CrossingId),
            e => Assert.Equal("out-1", Assert.IsType<ExitRecorded>(e).CrossingId));

        var status = await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status");
        var schengen = status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen");
        Assert.Equal(10, schengen.GetProperty("daysUsed").GetInt32());
        Assert.Equal(80, schengen.GetProperty("daysRemaining").GetInt32());
    }

    [Fact]
    public async Task A_resend_of_the_same_crossing_returns_the_original_result_and_adds_nothing()
    {
        var id = await app.RegisterTravellerAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "c-1", "entry", "IT", DaysAgo(app, 3))).StatusCode);
        var version = await app.StreamVersionAsync(id);

        var again = await app.RecordCrossingAsync(id, "c-1", "entry", "IT", DaysAgo(app, 3));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task The_same_crossing_id_with_other_content_is_a_conflict_that_says_what_differs()
    {
        var id = await app.RegisterTravellerAsync();
        await app.RecordCrossingAsync(id, "c-1", "entry", "IT", DaysAgo(app, 3));
        var version = await app.StreamVersionAsync(id);

        var body = await Problem.AssertAsync(await app.RecordCrossingAsync(id, "c-1", "entry", "ES", DaysAgo(app, 3)), HttpStatusCode.Conflict);
        Assert.Contains("country (IT vs ES)", body.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task An_unknown_traveller_is_404_and_no_stream_is_created()
    {
        var unknown = Guid.NewGuid();
        await Problem.AssertAsync(await app.RecordCrossingAsync(unknown, "c-1", "entry", "FR", DaysAgo(app, 1)), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.StreamVersionAsync(unknown));
    }

    [Theory]
    [InlineData("entry", "FR", "2024-02-30", "date")]
    [InlineData("entry", "FR", "yesterday", "date")]
    [InlineData("entry", "FR", "0001-01-01", "date")]
    [InlineData("sideways", "FR", null, "direction")]
    [InlineData("entry", "XX", null, "country")]
    [InlineData("entry", "fr", null, "country")]
    public async Task Malformed_input_is_400_naming_the_field_and_leaves_the_stream_unchanged(string direction, string country, string? date, string field)
    {
        var id = await app.RegisterTravellerAsync();
        var version = await app.StreamVersionAsync(id);
        var body = await Problem.AssertAsync(
            await app.RecordCrossingAsync(id, "c-1", direction, country, date ?? DaysAgo(app, 1)), HttpStatusCode.BadRequest);
        Assert.StartsWith(field, body.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400()
    {
        var id = await app.RegisterTravellerAsync();
        var response = await app.Http.PostAsync($"/travellers/{id}/crossings", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_date_in_the_future_is_refused()
    {
        var id = await app.RegisterTravellerAsync();
        var body = await Problem.AssertAsync(await app.RecordCrossingAsync(id, "c-1", "entry", "FR", DaysAgo(app, -3)), HttpStatusCode.BadRequest);
        Assert.Contains("future", body.GetProperty("detail").GetString());
    }

    private async Task<JsonElement> SchengenAsync(Guid id, string query = "")
    {
        var status = await app.GetJsonAsync($"/travellers/{id}/status{query}");
        return status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen");
    }

    private async Task<List<string?>> AnomalyIdsAsync(Guid id, string query = "") =>
        (await app.GetJsonAsync($"/travellers/{id}/status{query}")).GetProperty("anomalies").EnumerateArray()
            .Select(a => a.GetProperty("anomalyId").GetString()).ToList();

    [Fact]
    public async Task An_exit_before_any_entry_is_recorded_and_shows_a_missing_entry()
    {
        var id = await app.RegisterTravellerAsync();
        await app.RecordCrossingAsync(id, "in", "entry", "FR", DaysAgo(app, 5));
        var version = await app.StreamVersionAsync(id);

        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "out", "exit", "FR", DaysAgo(app, 8))).StatusCode);
        Assert.True(await app.StreamVersionAsync(id) > version);
        Assert.Equal(["missingEntry:out"], await AnomalyIdsAsync(id));
        var schengen = await SchengenAsync(id);
        // Present: the open stay from 5 days ago to today (6). Uncertain: the exit day and the look-back before it (90 in all).
        Assert.Equal((6, 96), (schengen.GetProperty("daysUsed").GetInt32(), schengen.GetProperty("daysUsedIfPresent").GetInt32()));
        Assert.Equal("undetermined", schengen.GetProperty("determination").GetString());
        Assert.Equal(["missingEntry:out"], schengen.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Two_entries_without_an_exit_between_them_are_both_recorded_and_show_a_missing_exit()
    {
        var id = await app.RegisterTravellerAsync();
        await app.RecordCrossingAsync(id, "first", "entry", "FR", DaysAgo(app, 10));
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "second", "entry", "DE", DaysAgo(app, 5))).StatusCode);
        var anomaly = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/crossings")).GetProperty("anomalies").EnumerateArray());
        Assert.Equal(("missingExit:first+second", "missingExit", "open"),
            (anomaly.GetProperty("anomalyId").GetString(), anomaly.GetProperty("kind").GetString(), anomaly.GetProperty("status").GetString()));
        Assert.Equal((DaysAgo(app, 9), DaysAgo(app, 6)), (anomaly.GetProperty("uncertainFrom").GetString(), anomaly.GetProperty("uncertainTo").GetString()));
    }

    [Fact]
    public async Task A_late_exit_found_later_is_ordered_by_its_date_not_its_arrival()
    {
        var id = await app.RegisterTravellerAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "in-1", "entry", "FR", DaysAgo(app, 30))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "out-2", "exit", "FR", DaysAgo(app, 2))).StatusCode);
        // Passport stamps for an exit and re-entry in between arrive after the fact, together.
        var late = await app.Http.PostAsJsonAsync($"/travellers/{id}/crossings/batch", new
        {
            crossings = new[]
            {
                new { crossingId = "in-2", direction = "entry", country = "FR", date = DaysAgo(app, 6), source = "passportStamp" },
                new { crossingId = "out-1", direction = "exit", country = "FR", date = DaysAgo(app, 26), source = "passportStamp" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);

        var status = await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status");
        var schengen = status.GetProperty("regimes")[0];
        Assert.Equal(5 + 5, schengen.GetProperty("daysUsed").GetInt32());

        var listed = await app.GetJsonAsync($"/travellers/{id}/crossings");
        Assert.Equal(["in-1", "out-1", "in-2", "out-2"], listed.GetProperty("crossings").EnumerateArray().Select(c => c.GetProperty("crossingId").GetString()));
        Assert.Equal(2, listed.GetProperty("stays").GetArrayLength());
    }

    [Fact]
    public async Task An_entry_alone_inside_a_stay_is_recorded_and_leaves_the_days_before_it_uncertain()
    {
        var id = await app.RegisterTravellerAsync();
        await app.RecordCrossingAsync(id, "in-1", "entry", "FR", DaysAgo(app, 10));
        await app.RecordCrossingAsync(id, "out-1", "exit", "FR", DaysAgo(app, 2));
        Assert.Equal(9, (await SchengenAsync(id)).GetProperty("daysUsed").GetInt32());

        // A re-entry with no exit before it: the exit is missing; the days between the entries are uncertain.
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "in-2", "entry", "FR", DaysAgo(app, 5))).StatusCode);
        var schengen = await SchengenAsync(id);
        Assert.Equal((1 + 4, 9), (schengen.GetProperty("daysUsed").GetInt32(), schengen.GetProperty("daysUsedIfPresent").GetInt32()));
        Assert.Equal("lawful", schengen.GetProperty("determination").GetString());
        Assert.Equal(["missingExit:in-1+in-2"], await AnomalyIdsAsync(id));
    }

    [Fact]
    public async Task Concurrent_writers_on_one_traveller_never_lose_or_duplicate_a_crossing()
    {
        var id = await app.RegisterTravellerAsync();
        var attempts = Enumerable.Range(0, 6).Select(i => app.RecordCrossingAsync(id, $"entry-{i}", "entry", "FR", DaysAgo(app, 10 + i)));
        var responses = await Task.WhenAll(attempts);

        // Each write is appended or refused as a concurrency conflict (the client retries); none is a 500.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        await using var session = app.Store.QuerySession();
        var recorded = (await session.Events.FetchStreamAsync(id)).Where(e => e.Data is EntryRecorded).Select(e => ((EntryRecorded)e.Data).CrossingId).ToList();
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.Created), recorded.Count);
        Assert.Equal(recorded.Count, recorded.Distinct().Count());
        Assert.NotEmpty(recorded);
    }
}
