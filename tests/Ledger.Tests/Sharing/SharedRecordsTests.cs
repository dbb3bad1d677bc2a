using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Sharing;

public class SharedRecordsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> TravellerWithRecordsAsync(string nationality)
    {
        var id = await app.RegisterTravellerAsync(nationality);
        await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "GB-V", issuingState = "GB", type = "SV", entries = "multiple", validFrom = "2025-01-01", validUntil = "2025-12-31", durationDays = 180, issuedOn = "2024-12-01",
        });
        await app.PostAsync($"/travellers/{id}/incidents", new { incidentId = "GB-I", jurisdiction = "GB", date = "2025-02-01", category = "policeReport", source = "met police" });
        await app.PostAsync($"/travellers/{id}/incidents", new { incidentId = "GB-X", jurisdiction = "GB", date = "2025-02-02", category = "arrest", source = "met police" });
        await app.PostAsync($"/travellers/{id}/incidents/GB-X/expungement", new { date = "2025-03-01", text = "acquitted" });
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(25))).EnsureSuccessStatusCode();
        return id;
    }

    private Task<JsonElement> SharedWith(Guid id, string requester) => app.GetJsonAsync($"/travellers/{id}/shared-records?requester={requester}");

    [Fact]
    public async Task Five_eyes_partners_see_visa_and_incident_records_of_foreign_nationals_but_not_expunged_ones()
    {
        var id = await TravellerWithRecordsAsync("IN");
        var us = await SharedWith(id, "US");
        Assert.Equal("five-eyes", Assert.Single(us.GetProperty("visas").EnumerateArray()).GetProperty("sharedUnder").GetString());
        Assert.Equal("GB-I", Assert.Single(us.GetProperty("incidents").EnumerateArray()).GetProperty("record").GetProperty("incidentId").GetString());
        Assert.Empty(us.GetProperty("crossings").EnumerateArray());
    }

    [Fact]
    public async Task A_five_eyes_state_does_not_share_records_of_its_own_citizens()
    {
        var id = await TravellerWithRecordsAsync("GB");
        var us = await SharedWith(id, "US");
        Assert.Empty(us.GetProperty("visas").EnumerateArray());
        Assert.Empty(us.GetProperty("incidents").EnumerateArray());
        // The holder itself always sees its own records.
        Assert.Single((await SharedWith(id, "GB")).GetProperty("visas").EnumerateArray());
    }

    [Fact]
    public async Task Schengen_states_share_entry_and_exit_records_but_not_incidents()
    {
        var id = await TravellerWithRecordsAsync("IN");
        var de = await SharedWith(id, "DE");
        Assert.Equal(2, de.GetProperty("crossings").GetArrayLength());
        Assert.All(de.GetProperty("crossings").EnumerateArray(), c => Assert.Equal("schengen", c.GetProperty("sharedUnder").GetString()));
        Assert.Empty(de.GetProperty("incidents").EnumerateArray());
        Assert.Empty(de.GetProperty("visas").EnumerateArray());
    }

    [Fact]
    public async Task The_requester_must_be_a_country_code()
    {
        var id = await app.RegisterTravellerAsync();
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/shared-records?requester=Interpol"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/shared-records"), HttpStatusCode.BadRequest);
    }
}
