using Ledger.Tests.Support;

namespace Ledger.Tests.History;

/// <summary>The history summary lists visa applications, in the period and in what each state would see, and says why a state sees nothing.</summary>
public class HistorySummaryTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Visa_applications_are_listed_and_shown_per_state_with_a_reason_where_a_state_sees_nothing()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "gb-app-1", state = "GB", type = "SV", date = app.DaysAgo(40) })).EnsureSuccessStatusCode();
        var summary = await app.GetJsonAsync($"/travellers/{id}/history-summary");
        Assert.Equal("gb-app-1", Assert.Single(summary.GetProperty("visaApplications").EnumerateArray()).GetProperty("applicationId").GetString());

        var states = summary.GetProperty("whatStatesSee").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!);
        Assert.Equal(["gb-app-1"], states["GB"].GetProperty("visaApplications").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, states["GB"].GetProperty("reason").ValueKind);
        Assert.Empty(states["FR"].GetProperty("visaApplications").EnumerateArray());
        Assert.Equal("no sharing arrangement covers this traveller's records for FR: they are held by GB", states["FR"].GetProperty("reason").GetString());
    }
}
