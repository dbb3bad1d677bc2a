using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Incidents;

/// <summary>Incidents that name other travellers (arrested together, a family stopped together).</summary>
public class IncidentLinkTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> RegisterAsync(string familyName)
    {
        var response = await app.PostAsync("/travellers", new { nationalities = new[] { "GB" }, givenNames = "Sam", familyName, dateOfBirth = "1990-01-01" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Two_tourists_arrested_together_see_the_link_and_only_readers_see_who_the_other_is()
    {
        var alex = await RegisterAsync("Alexander");
        var blake = await RegisterAsync("Blakeley");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{alex}/incidents", new
        {
            incidentId = "syd-arrest", jurisdiction = "AU", date = "2025-02-01", category = "arrest", source = "NSW Police", involved = new[] { blake },
        })).StatusCode);

        // A caseworker sees the other traveller's identity, on both records.
        var involved = Assert.Single((await app.GetJsonAsync($"/travellers/{alex}/incidents"))[0].GetProperty("involved").EnumerateArray());
        Assert.Equal(blake, involved.GetProperty("travellerId").GetGuid());
        Assert.Equal("Blakeley", involved.GetProperty("identity").GetProperty("familyName").GetString());
        var link = Assert.Single((await app.GetJsonAsync($"/travellers/{blake}/incidents/links")).EnumerateArray());
        Assert.Equal("syd-arrest", link.GetProperty("incidentId").GetString());
        Assert.Equal(alex, link.GetProperty("recordedFor").GetProperty("travellerId").GetGuid());
        Assert.Equal("Alexander", link.GetProperty("recordedFor").GetProperty("identity").GetProperty("familyName").GetString());
        // ... and that showing it was a read of the other's record: it is in the other's access log.
        var log = await app.GetJsonAsync($"/travellers/{blake}/access-log");
        Assert.Contains(log.GetProperty("entries").EnumerateArray(), e => e.GetProperty("route").GetString() == "/travellers/{id}/incidents");

        // Each traveller sees the other only as an id.
        using var asAlex = app.ClientAs([Role.Traveller], traveller: alex);
        var own = (await asAlex.GetFromJsonAsync<JsonElement>($"/travellers/{alex}/incidents"))[0].GetProperty("involved")[0];
        Assert.Equal(blake, own.GetProperty("travellerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("identity").ValueKind);
        using var asBlake = app.ClientAs([Role.Traveller], traveller: blake);
        var theirs = (await asBlake.GetFromJsonAsync<JsonElement>($"/travellers/{blake}/incidents/links"))[0].GetProperty("recordedFor");
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("identity").ValueKind);
        Assert.DoesNotContain("Alexander", await asBlake.GetStringAsync($"/travellers/{blake}/incidents/links"));

        // Another state sees the arrest, but not whom it names.
        var shared = Assert.Single((await app.GetJsonAsync($"/travellers/{alex}/shared-records?requester=US")).GetProperty("incidents").EnumerateArray());
        Assert.Empty(shared.GetProperty("record").GetProperty("involved").EnumerateArray());
    }

    [Fact]
    public async Task An_incident_may_not_name_an_unknown_traveller_or_the_traveller_itself()
    {
        var id = await RegisterAsync("Carter");
        var before = await app.StreamVersionAsync(id);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents", new
        {
            incidentId = "x", jurisdiction = "AU", date = "2025-02-01", category = "arrest", source = "police", involved = new[] { Guid.NewGuid() },
        }), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents", new
        {
            incidentId = "x", jurisdiction = "AU", date = "2025-02-01", category = "arrest", source = "police", involved = new[] { id },
        }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents", new
        {
            incidentId = "x", jurisdiction = "AU", date = "2025-02-01", category = "arrest", source = "police", involved = new[] { "not-a-guid" },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_resent_incident_with_its_links_adds_nothing_and_other_links_are_a_conflict()
    {
        var a = await RegisterAsync("Dunn");
        var b = await RegisterAsync("Ellis");
        var c = await RegisterAsync("Foster");
        var incident = new { incidentId = "stop", jurisdiction = "NZ", date = "2025-03-01", category = "trafficOffence", source = "NZ Police", involved = new[] { b } };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{a}/incidents", incident)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{a}/incidents", incident)).StatusCode);
        Assert.Single((await app.GetJsonAsync($"/travellers/{b}/incidents/links")).EnumerateArray());
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{a}/incidents", incident with { involved = new[] { c } }), HttpStatusCode.Conflict);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{c}/incidents/links")).EnumerateArray());
    }
}
