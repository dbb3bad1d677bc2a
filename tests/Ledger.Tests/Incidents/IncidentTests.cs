using System.Net;
using Ledger.Tests.Support;

namespace Ledger.Tests.Incidents;

public class IncidentTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Incidents_are_recorded_resolved_and_expunged_from_view()
    {
        var id = await app.RegisterTravellerAsync();
        var incident = new { incidentId = "GB-1", jurisdiction = "GB", date = "2025-03-01", category = "trafficOffence", severity = "low", source = "police", description = "speeding" };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/incidents", incident)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/incidents", incident)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/incidents/GB-1/resolution", new { date = "2025-04-01", text = "fine paid" })).StatusCode);

        var listed = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
        Assert.Equal("fine paid", listed.GetProperty("resolution").GetString());

        await app.PostAsync($"/travellers/{id}/incidents/GB-1/expungement", new { date = "2025-05-01", text = "court order" });
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
        // The history keeps every fact.
        Assert.Contains((await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray(), e => e.GetProperty("type").GetString() == "incident_expunged");
    }

    [Fact]
    public async Task An_overstay_that_later_records_disprove_is_retracted_by_the_ledger()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "IT", app.DaysAgo(100))).EnsureSuccessStatusCode();
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());

        // The exit stamp turns up: the stay was 51 days, no overstay.
        (await app.RecordCrossingAsync(id, "out", "exit", "IT", app.DaysAgo(50))).EnsureSuccessStatusCode();
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
        Assert.Contains((await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray(), e => e.GetProperty("type").GetString() == "incident_expunged");
    }

    [Theory]
    [InlineData("XX", "arrest")]
    [InlineData("GB", "jaywalking")]
    public async Task Bad_incidents_are_400(string jurisdiction, string category)
    {
        var id = await app.RegisterTravellerAsync();
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents",
            new { incidentId = "i", jurisdiction, date = "2025-03-01", category, source = "police" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_overstay_found_in_the_history_becomes_an_incident_once()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "ES", app.DaysAgo(120))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "ES", app.DaysAgo(20))).EnsureSuccessStatusCode();

        var overstay = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
        Assert.Equal("overstay", overstay.GetProperty("category").GetString());
        Assert.Equal("ES", overstay.GetProperty("jurisdiction").GetString());
        Assert.Equal(app.DaysAgo(30), overstay.GetProperty("date").GetString());

        // Later writes that leave the overstay as it is do not record it again.
        (await app.PostAsync($"/travellers/{id}/permits", new { permitId = "gb", country = "GB", first = app.DaysAgo(10), last = app.DaysAgo(5) }))
            .EnsureSuccessStatusCode();
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
    }
}
