using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.AccessLog;

public class AccessLogTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<JsonElement> AccessLogAsync(Guid traveller, string query = "")
    {
        using var self = app.ClientAs([Role.Traveller], traveller: traveller, subject: "the-traveller");
        var response = await self.GetAsync($"/travellers/{traveller}/access-log{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Every_read_is_on_record_with_who_their_role_and_states_when_why_and_the_correlation_id()
    {
        var id = await app.RegisterTravellerAsync("IN");
        using var officer = app.ClientAs([Role.Caseworker], ["FR", "DE"], subject: "officer-17");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/travellers/{id}/status");
        request.Headers.Add("X-Purpose", "visa application 2026-118");
        request.Headers.Add("X-Correlation-Id", "case-118");
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(request)).StatusCode);

        var entry = Assert.Single((await AccessLogAsync(id)).GetProperty("entries").EnumerateArray());
        Assert.Equal("/travellers/{id}/status", entry.GetProperty("route").GetString());
        Assert.Equal("officer-17", entry.GetProperty("subject").GetString());
        Assert.Equal(["caseworker"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["DE", "FR"], entry.GetProperty("countries").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("visa application 2026-118", entry.GetProperty("purpose").GetString());
        Assert.Equal("case-118", entry.GetProperty("correlationId").GetString());
        Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_partner_lookup_shows_which_state_looked()
    {
        var id = await app.RegisterTravellerAsync("IN");
        using var us = app.ClientAs([Role.Partner], ["US"], subject: "us-cbp");
        Assert.Equal(HttpStatusCode.OK, (await us.GetAsync($"/travellers/{id}/shared-records")).StatusCode);
        var entry = Assert.Single((await AccessLogAsync(id)).GetProperty("entries").EnumerateArray());
        Assert.Equal("/travellers/{id}/shared-records", entry.GetProperty("route").GetString());
        Assert.Equal("US", entry.GetProperty("requester").GetString());
        Assert.Equal(["partner"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Refused_and_failed_reads_show_nothing_and_are_not_logged()
    {
        var id = await app.RegisterTravellerAsync("IN");
        using var partner = app.ClientAs([Role.Partner], ["US"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/travellers/{id}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.GetAsync($"/travellers/{id}/status?on=yesterday")).StatusCode);
        Assert.Empty((await AccessLogAsync(id)).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task The_log_is_newest_first_and_paged()
    {
        var id = await app.RegisterTravellerAsync("IN");
        using var auditor = app.ClientAs([Role.Auditor], subject: "auditor-1");
        foreach (var path in new[] { "", "/status", "/crossings", "/visas", "/incidents" })
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/travellers/{id}{path}")).StatusCode);

        var first = await AccessLogAsync(id, "?pageSize=2");
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(["/travellers/{id}/incidents", "/travellers/{id}/visas"],
            first.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("route").GetString()));
        var last = await AccessLogAsync(id, "?pageSize=2&page=3");
        Assert.Equal("/travellers/{id}", Assert.Single(last.GetProperty("entries").EnumerateArray()).GetProperty("route").GetString());
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/access-log?pageSize=1000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_purpose_that_is_too_long_or_has_control_characters_is_refused()
    {
        var id = await app.RegisterTravellerAsync("IN");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/travellers/{id}/status");
        request.Headers.TryAddWithoutValidation("X-Purpose", new string('x', 201));
        await Problem.AssertAsync(await app.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Empty((await AccessLogAsync(id)).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Nobody_can_change_or_delete_the_log_not_even_with_a_database_connection()
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/travellers/{id}/status")).StatusCode);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE ledger.access_log SET route = route", "DELETE FROM ledger.access_log", "TRUNCATE ledger.access_log" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText);
        }
        Assert.Single((await AccessLogAsync(id)).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task A_read_answered_just_before_the_service_is_killed_is_in_the_log()
    {
        var database = await TestDatabase.CreateAsync();
        Guid id;
        const int reads = 15;
        await using (var service = await ServiceProcess.StartAsync(database))
        {
            using var recorder = service.ClientWithToken(app.TokenFor([Role.Recorder]));
            var created = await recorder.PostAsJsonAsync("/travellers", new { nationalities = new[] { "IN" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            using var officer = service.ClientWithToken(app.TokenFor([Role.Caseworker], ["FR"], subject: "officer-killed"));
            for (var i = 0; i < reads; i++)
                Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/travellers/{id}/status")).StatusCode);
            await service.KillAsync(); // the moment the last answer arrived
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var count = (long)(await new NpgsqlCommand(
            $"SELECT count(*) FROM ledger.access_log WHERE traveller_id = '{id}' AND subject = 'officer-killed'",
            connection).ExecuteScalarAsync())!;
        Assert.Equal(reads, count);
    }
}
