using System.Net;
using Ledger.Tests.Support;

namespace Ledger.Tests.Crossings;

public class CorrectCrossingTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> TravellerWithStayAsync()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(21))).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_correction_changes_the_count_and_the_original_stays_in_the_stream()
    {
        var id = await TravellerWithStayAsync();
        Assert.Equal(10, await app.SchengenDaysUsedAsync(id));

        var response = await app.PostAsync($"/travellers/{id}/crossings/out/corrections",
            new { action = "correct", reason = "stamp misread", direction = "exit", country = "FR", date = app.DaysAgo(26) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(5, await app.SchengenDaysUsedAsync(id));

        var types = (await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["traveller_registered", "exit_recorded", "crossing_corrected"], types.Where(t => t != "entry_recorded"));
    }

    [Fact]
    public async Task A_void_stops_a_crossing_counting_and_a_second_void_adds_nothing()
    {
        var id = await TravellerWithStayAsync();
        var voided = await app.PostAsync($"/travellers/{id}/crossings/in/corrections", new { action = "void", reason = "wrong traveller" });
        Assert.Equal(HttpStatusCode.Created, voided.StatusCode);
        Assert.Equal(0, await app.SchengenDaysUsedAsync(id));

        var version = await app.StreamVersionAsync(id);
        var again = await app.PostAsync($"/travellers/{id}/crossings/in/corrections", new { action = "void", reason = "wrong traveller" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_correction_that_leaves_a_gap_is_recorded_and_the_gap_shows_as_an_anomaly()
    {
        var id = await TravellerWithStayAsync();
        var version = await app.StreamVersionAsync(id);
        var response = await app.PostAsync($"/travellers/{id}/crossings/out/corrections",
            new { action = "correct", reason = "typo", direction = "entry", country = "FR", date = app.DaysAgo(25) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await app.StreamVersionAsync(id) > version);

        var anomaly = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/status")).GetProperty("anomalies").EnumerateArray());
        Assert.Equal("missingExit:in+out", anomaly.GetProperty("anomalyId").GetString());
        Assert.Equal((app.DaysAgo(29), app.DaysAgo(26)), (anomaly.GetProperty("uncertainFrom").GetString(), anomaly.GetProperty("uncertainTo").GetString()));
    }

    [Theory]
    [InlineData("nope", "void", HttpStatusCode.NotFound)]
    [InlineData("in", "delete", HttpStatusCode.BadRequest)]
    public async Task Unknown_crossings_and_actions_are_refused(string crossingId, string action, HttpStatusCode status)
    {
        var id = await TravellerWithStayAsync();
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/crossings/{crossingId}/corrections", new { action, reason = "x" }), status);
    }
}
