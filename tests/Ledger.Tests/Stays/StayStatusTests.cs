using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Stays;

public class StayStatusTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static JsonElement Schengen(JsonElement status) =>
        status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen");

    [Fact]
    public async Task Status_on_a_past_date_counts_the_window_ending_that_day()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "ES", "2025-01-10")).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "ES", "2025-01-19")).EnsureSuccessStatusCode();

        var during = Schengen(await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status?on=2025-01-14"));
        Assert.Equal(5, during.GetProperty("daysUsed").GetInt32());
        Assert.Equal("2024-07-19", during.GetProperty("windowStart").GetString());
        Assert.Equal("2025-01-14", during.GetProperty("windowEnd").GetString());

        var after = Schengen(await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status?on=2025-03-01"));
        Assert.Equal(10, after.GetProperty("daysUsed").GetInt32());
    }

    [Fact]
    public async Task AsKnownAt_answers_with_what_the_ledger_had_recorded_by_that_instant()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "ES", "2025-01-10")).EnsureSuccessStatusCode();
        await Task.Delay(50); // recorded timestamps come from the database clock
        var beforeExitWasKnown = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await app.RecordCrossingAsync(id, "out", "exit", "ES", "2025-01-19")).EnsureSuccessStatusCode();

        var now = Schengen(await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status?on=2025-02-01"));
        Assert.Equal(10, now.GetProperty("daysUsed").GetInt32());

        var instant = Uri.EscapeDataString(beforeExitWasKnown.ToString("O"));
        var then = Schengen(await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/status?on=2025-02-01&asKnownAt={instant}"));
        // Without the exit the traveller was, as far as the ledger knew, still inside on 2025-02-01.
        Assert.Equal(23, then.GetProperty("daysUsed").GetInt32());
    }

    [Theory]
    [InlineData("on=2025-02-30")]
    [InlineData("asKnownAt=yesterday")]
    [InlineData("on=2012-01-01")]
    [InlineData("on=9999-12-31")]
    [InlineData("on=1899-12-31")]
    public async Task Bad_query_values_are_400_problems(string query)
    {
        var id = await app.RegisterTravellerAsync();
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/status?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Status_of_an_unknown_traveller_is_404()
    {
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{Guid.NewGuid()}/status"), HttpStatusCode.NotFound);
    }
}
