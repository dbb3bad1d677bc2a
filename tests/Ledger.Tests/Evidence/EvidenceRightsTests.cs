using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Evidence;

/// <summary>Evidence of absence and anomaly decisions are bound to the states a caseworker holds.</summary>
public class EvidenceRightsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    // in-1 120 days ago, in-2 30 days ago, out-2 20 days ago, all France: a missing exit with 89 uncertain days.
    private async Task<Guid> TravellerWithGapAsync()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "out-2", "exit", "FR", app.DaysAgo(20))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in-2", "entry", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in-1", "entry", "FR", app.DaysAgo(120))).EnsureSuccessStatusCode();
        return id;
    }

    private object AbsentFrom(string area, string evidenceId) => new
    {
        evidenceId, kind = "residenceRecord", absentFrom = area, first = app.DaysAgo(119), last = app.DaysAgo(31), source = "employer letter",
    };

    private async Task<int> EventCountAsync(Guid id) => (await app.EventsOfAsync(id)).Count;

    [Theory]
    [InlineData("FR")]       // a country: its caseworkers only
    [InlineData("schengen")] // a regime's area: caseworkers of one of its member states
    public async Task Evidence_of_absence_needs_a_caseworker_of_the_state_concerned(string area)
    {
        var id = await TravellerWithGapAsync();
        var events = await EventCountAsync(id);
        using var british = app.ClientAs([Role.Caseworker], ["GB"]);
        var refused = await Problem.AssertAsync(await british.PostAsJsonAsync($"/travellers/{id}/evidence", AbsentFrom(area, "ab-" + area)), HttpStatusCode.Forbidden);
        Assert.Contains($"absence from {area}", refused.GetProperty("detail").GetString());
        Assert.Equal(events, await EventCountAsync(id)); // the ledger is unchanged

        using var french = app.ClientAs([Role.Caseworker], ["FR"]);
        Assert.Equal(HttpStatusCode.Created, (await french.PostAsJsonAsync($"/travellers/{id}/evidence", AbsentFrom(area, "ab-" + area))).StatusCode);
    }

    [Fact]
    public async Task Voiding_evidence_of_absence_needs_the_same_rights_as_recording_it()
    {
        var id = await TravellerWithGapAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/evidence", AbsentFrom("FR", "ab-void"))).StatusCode);
        using var german = app.ClientAs([Role.Caseworker], ["DE"]);
        await Problem.AssertAsync(await german.PostAsJsonAsync($"/travellers/{id}/evidence/ab-void/void", new { reason = "mistake" }), HttpStatusCode.Forbidden);
        using var french = app.ClientAs([Role.Caseworker], ["FR"]);
        Assert.Equal(HttpStatusCode.Created, (await french.PostAsJsonAsync($"/travellers/{id}/evidence/ab-void/void", new { reason = "mistake" })).StatusCode);
    }

    [Fact]
    public async Task An_anomaly_decision_needs_a_caseworker_of_the_anomalys_country()
    {
        var id = await TravellerWithGapAsync();
        var anomaly = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/status")).GetProperty("anomalies").EnumerateArray());
        Assert.Equal("FR", anomaly.GetProperty("country").GetString());
        var decision = new { anomalyId = anomaly.GetProperty("anomalyId").GetString(), presumption = "absent", reason = "flight records show departure" };
        var events = await EventCountAsync(id);

        using var german = app.ClientAs([Role.Caseworker], ["DE"]);
        var refused = await Problem.AssertAsync(await german.PostAsJsonAsync($"/travellers/{id}/anomaly-resolutions", decision), HttpStatusCode.Forbidden);
        Assert.Contains("anomaly of FR", refused.GetProperty("detail").GetString());
        Assert.Equal(events, await EventCountAsync(id));

        using var french = app.ClientAs([Role.Caseworker], ["FR"]);
        Assert.Equal(HttpStatusCode.Created, (await french.PostAsJsonAsync($"/travellers/{id}/anomaly-resolutions", decision)).StatusCode);
    }
}
