using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Marten;
using Npgsql;
using Ledger.Writing;

namespace Ledger.Tests.Incidents;

/// <summary>Incidents as they really were: the traveller's role, outcomes over time, and what travels to other states.</summary>
public class IncidentRoleAndOutcomeTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private Task<HttpResponseMessage> RecordAsync(Guid id, object incident) => app.PostAsync($"/travellers/{id}/incidents", incident);

    private async Task<JsonElement> IncidentAsync(Guid id, string incidentId) =>
        (await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == incidentId);

    private async Task<JsonElement> SharedIncidentsAsync(Guid id, string requester) =>
        (await app.GetJsonAsync($"/travellers/{id}/shared-records?requester={requester}")).GetProperty("incidents");

    [Fact]
    public async Task A_complainants_incident_is_shown_at_home_but_never_shared()
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(id, new
        {
            incidentId = "met-1", jurisdiction = "GB", date = "2025-06-03", category = "civilDispute", role = "complainant",
            source = "Metropolitan Police", description = "landlord kept the deposit; reported at the station",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(id, new
        {
            incidentId = "met-2", jurisdiction = "GB", date = "2025-06-04", category = "arrest", source = "Metropolitan Police",
        })).StatusCode);

        var complaint = await IncidentAsync(id, "met-1");
        Assert.Equal("complainant", complaint.GetProperty("role").GetString());
        Assert.False(complaint.GetProperty("adverse").GetBoolean());
        var arrest = await IncidentAsync(id, "met-2");
        Assert.Equal("subject", arrest.GetProperty("role").GetString()); // the default
        Assert.True(arrest.GetProperty("adverse").GetBoolean());

        // Five Eyes shares subject incidents only: the US sees the arrest, not the complaint; the UK (holder) sees both.
        var us = await SharedIncidentsAsync(id, "US");
        Assert.Equal("met-2", Assert.Single(us.EnumerateArray()).GetProperty("record").GetProperty("incidentId").GetString());
        Assert.Equal(2, (await SharedIncidentsAsync(id, "GB")).GetArrayLength());
        // And a traveller reads its own record whole.
        using var self = app.ClientAs([Role.Traveller], traveller: id);
        Assert.Equal(2, (await self.GetFromJsonAsync<JsonElement>($"/travellers/{id}/incidents")).GetArrayLength());
    }

    [Theory]
    [InlineData("victim")]
    [InlineData("witness")]
    public async Task Victims_and_witnesses_incidents_are_not_shared_either(string role)
    {
        var id = await app.RegisterTravellerAsync("FR");
        (await RecordAsync(id, new { incidentId = "nz-1", jurisdiction = "NZ", date = "2025-01-10", category = "policeReport", role, source = "NZ Police" }))
            .EnsureSuccessStatusCode();
        Assert.Empty((await SharedIncidentsAsync(id, "AU")).EnumerateArray());
        Assert.Single((await SharedIncidentsAsync(id, "NZ")).EnumerateArray());
    }

    [Fact]
    public async Task Outcomes_follow_each_other_and_an_acquittal_travels_with_the_charge()
    {
        var id = await app.RegisterTravellerAsync("DE");
        (await RecordAsync(id, new { incidentId = "syd-1", jurisdiction = "AU", date = "2025-02-01", category = "arrest", source = "NSW Police" }))
            .EnsureSuccessStatusCode();
        var charged = new { outcome = "charged", date = "2025-02-02", note = "affray" };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/incidents/syd-1/outcomes", charged)).StatusCode);
        // The same outcome again adds nothing.
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/incidents/syd-1/outcomes", charged)).StatusCode);
        // Recorded out of order, shown in the order they happened.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/incidents/syd-1/outcomes", new { outcome = "acquitted", date = "2025-05-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/incidents/syd-1/outcomes", new { outcome = "fine", date = "2025-03-01", note = "bail condition breach" })).StatusCode);

        var outcomes = (await IncidentAsync(id, "syd-1")).GetProperty("outcomes").EnumerateArray()
            .Select(o => $"{o.GetProperty("outcome").GetString()}@{o.GetProperty("date").GetString()}").ToList();
        Assert.Equal(["charged@2025-02-02", "fine@2025-03-01", "acquitted@2025-05-20"], outcomes);

        var shared = Assert.Single((await SharedIncidentsAsync(id, "NZ")).EnumerateArray()).GetProperty("record");
        Assert.Contains(shared.GetProperty("outcomes").EnumerateArray(), o => o.GetProperty("outcome").GetString() == "acquitted");
        Assert.Equal(3, (await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray().Count(e => e.GetProperty("type").GetString() == "incident_outcome_recorded"));
    }

    [Fact]
    public async Task Bad_outcomes_are_refused_and_change_nothing()
    {
        var id = await app.RegisterTravellerAsync("DE");
        (await RecordAsync(id, new { incidentId = "nz-stop", jurisdiction = "NZ", date = "2025-04-10", category = "trafficOffence", source = "NZ Police" }))
            .EnsureSuccessStatusCode();
        var before = await app.StreamVersionAsync(id);

        var early = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents/nz-stop/outcomes", new { outcome = "impoundment", date = "2025-04-09" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("before incident 'nz-stop'", early.GetProperty("detail").GetString());
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents/nz-stop/outcomes", new { outcome = "jailed", date = "2025-04-11" }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents/nz-stop/outcomes", new { outcome = "fine" }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents/unknown/outcomes", new { outcome = "fine", date = "2025-04-11" }), HttpStatusCode.NotFound);
        // Only a caseworker of the incident's jurisdiction.
        using var australia = app.ClientAs([Role.Caseworker], ["AU"]);
        await Problem.AssertAsync(await australia.PostAsJsonAsync($"/travellers/{id}/incidents/nz-stop/outcomes", new { outcome = "fine", date = "2025-04-11" }), HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Theory]
    [InlineData("secondaryInspection")]
    [InlineData("detention")]
    [InlineData("immigrationViolation")]
    [InlineData("civilDispute")]
    public async Task The_new_categories_are_accepted(string category)
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(id, new { incidentId = "c", jurisdiction = "US", date = "2025-01-01", category, source = "CBP" })).StatusCode);
        Assert.Equal(category, (await IncidentAsync(id, "c")).GetProperty("category").GetString());
    }

    [Fact]
    public async Task Incidents_stored_before_roles_existed_still_load_as_the_subjects()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await RecordAsync(id, new { incidentId = "old", jurisdiction = "CA", date = "2024-01-01", category = "arrest", source = "RCMP" })).EnsureSuccessStatusCode();
        // Make the stored event look as events written before this change do: no role, no involved travellers.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var strip = new NpgsqlCommand(
                "UPDATE ledger.mt_events SET data = data - 'role' - 'Role' - 'involved' - 'Involved' WHERE stream_id = $1 AND type = 'incident_recorded'", connection);
            strip.Parameters.Add(new() { Value = id });
            Assert.Equal(1, await strip.ExecuteNonQueryAsync());
        }
        await using var session = app.Store.QuerySession();
        var replayed = await session.Events.AggregateStreamAsync<Ledger.Projections.Travellers.Traveller>(id);
        var incident = Assert.Single(replayed!.Incidents.All);
        Assert.Equal(Ledger.Projections.Incidents.IncidentRole.Subject, incident.Role);
        Assert.Empty(incident.Involved);
        // An auditor's replay as known now reads them the same way through the API.
        var asKnown = await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=US");
        Assert.Single(asKnown.GetProperty("incidents").EnumerateArray());
    }

    [Fact]
    public async Task A_new_zealand_traffic_stop_with_the_car_impounded_is_seen_by_the_five_eyes_with_its_outcome_and_not_by_schengen()
    {
        var id = await app.RegisterTravellerAsync("DE");
        (await RecordAsync(id, new
        {
            incidentId = "nz-stop-2024", jurisdiction = "NZ", date = "2024-12-14", category = "trafficOffence", severity = "low",
            source = "NZ Police", description = "driving on a suspended foreign licence",
        })).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{id}/incidents/nz-stop-2024/outcomes", new { outcome = "impoundment", date = "2024-12-14", note = "28 days" })).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{id}/incidents/nz-stop-2024/outcomes", new { outcome = "fine", date = "2025-01-20" })).EnsureSuccessStatusCode();

        foreach (var state in new[] { "US", "GB", "CA", "AU", "NZ" })
        {
            var seen = Assert.Single((await SharedIncidentsAsync(id, state)).EnumerateArray());
            Assert.Equal(state == "NZ" ? "own" : "five-eyes", seen.GetProperty("sharedUnder").GetString());
            Assert.Equal(["impoundment", "fine"], seen.GetProperty("record").GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("outcome").GetString()));
        }
        foreach (var state in new[] { "DE", "FR", "JP" })
            Assert.Empty((await SharedIncidentsAsync(id, state)).EnumerateArray());
    }
}
