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

    [Fact]
    public async Task An_exit_before_any_entry_is_refused_and_leaves_the_stream_unchanged()
    {
        var id = await app.RegisterTravellerAsync();
        await app.RecordCrossingAsync(id, "in", "entry", "FR", DaysAgo(app, 5));
        var version = await app.StreamVersionAsync(id);

        var body = await Problem.AssertAsync(await app.RecordCrossingAsync(id, "out", "exit", "FR", DaysAgo(app, 8)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no entry", body.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Two_entries_without_an_exit_between_them_name_the_conflicting_crossing()
    {
        var id = await app.RegisterTravellerAsync();
        await app.RecordCrossingAsync(id, "first", "entry", "FR", DaysAgo(app, 10));
        var body = await Problem.AssertAsync(await app.RecordCrossingAsync(id, "second", "entry", "DE", DaysAgo(app, 5)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("first", body.GetProperty("conflictingCrossingId").GetString());
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
        // Alone, either stamp would make the history impossible, and is refused.
        var alone = await app.RecordCrossingAsync(id, "in-3", "entry", "FR", DaysAgo(app, 4));
        await Problem.AssertAsync(alone, HttpStatusCode.UnprocessableEntity);

        var status = await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status");
        var schengen = status.GetProperty("regimes")[0];
        Assert.Equal(5 + 5, schengen.GetProperty("daysUsed").GetInt32());

        var listed = await app.GetJsonAsync($"/travellers/{id}/crossings");
        Assert.Equal(["in-1", "out-1", "in-2", "out-2"], listed.GetProperty("crossings").EnumerateArray().Select(c => c.GetProperty("crossingId").GetString()));
        Assert.Equal(2, listed.GetProperty("stays").GetArrayLength());
    }

    [Fact]
    public async Task Two_writers_on_one_traveller_never_both_append_an_impossible_history()
    {
        var id = await app.RegisterTravellerAsync();
        var attempts = Enumerable.Range(0, 6).Select(i => app.RecordCrossingAsync(id, $"entry-{i}", "entry", "FR", DaysAgo(app, 10 + i)));
        var responses = await Task.WhenAll(attempts);

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"got {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        await using var session = app.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(id), e => e.Data is EntryRecorded);
    }
}
