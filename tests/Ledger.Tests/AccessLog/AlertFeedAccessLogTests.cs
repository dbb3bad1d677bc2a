using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.AccessLog;

/// <summary>The alert feed names people: each traveller it is asked about, or whose alerts it answers with, sees the read in its access log.</summary>
public class AlertFeedAccessLogTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<List<JsonElement>> LogOf(Guid traveller)
    {
        var page = await app.GetJsonAsync($"/travellers/{traveller}/access-log?pageSize=200");
        return page.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("route").GetString() == "/alerts").ToList();
    }

    /// <summary>Inside France for 81 days: a "15 days left" warning, in the feed within a second or so.</summary>
    private async Task<Guid> WarnedTravellerAsync()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in-80", "entry", "FR", app.DaysAgo(80))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () =>
            (await app.GetJsonAsync($"/alerts?traveller={id}&limit=1")).GetProperty("alerts").GetArrayLength() == 1, "the warning in the feed");
        return id;
    }

    [Fact]
    public async Task A_feed_read_that_returns_a_travellers_alerts_is_in_that_travellers_log_with_who_and_why()
    {
        var warned = await WarnedTravellerAsync();
        var quiet = await app.RegisterTravellerAsync("US");
        using var officer = app.ClientAs([Role.Caseworker], ["FR"], subject: "officer-fr");
        var before = (await LogOf(warned)).Count;

        var request = new HttpRequestMessage(HttpMethod.Get, "/alerts?limit=500");
        request.Headers.Add("X-Purpose", "morning overstay review");
        var answer = await officer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var travellers = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetProperty("travellerId").GetGuid()).ToHashSet();
        Assert.Contains(warned, travellers);

        var entries = await LogOf(warned);
        Assert.Equal(before + 1, entries.Count);
        var entry = entries.First(); // newest first
        Assert.Equal("officer-fr", entry.GetProperty("subject").GetString());
        Assert.Equal(["caseworker"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("morning overstay review", entry.GetProperty("purpose").GetString());
        // A traveller whose alerts the feed did not return is not logged as read.
        Assert.Empty(await LogOf(quiet));
    }

    [Fact]
    public async Task A_feed_read_that_names_a_traveller_is_logged_even_when_it_returns_nothing()
    {
        var quiet = await app.RegisterTravellerAsync("US");
        using var auditor = app.ClientAs([Role.Auditor], subject: "auditor-7");
        var answer = await auditor.GetAsync($"/alerts?traveller={quiet}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alerts").EnumerateArray());
        var entry = Assert.Single(await LogOf(quiet));
        Assert.Equal("auditor-7", entry.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_refused_feed_read_is_not_logged()
    {
        var quiet = await app.RegisterTravellerAsync("US");
        using var partner = app.ClientAs([Role.Partner], ["US"]);
        await Problem.AssertAsync(await partner.GetAsync($"/alerts?traveller={quiet}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await app.Http.GetAsync($"/alerts?traveller={quiet}&after=x"), HttpStatusCode.BadRequest);
        Assert.Empty(await LogOf(quiet));
    }
}
