using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.AdminAudit;

/// <summary>Admin acts land on an append-only audit trail that auditors and admins read at <c>GET /admin/audit</c>.</summary>
public class AdminAuditTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<List<JsonElement>> TrailAsync(string? act = null)
    {
        using var auditor = app.ClientAs([Role.Auditor], subject: "auditor-1");
        var answer = await auditor.GetAsync("/admin/audit?pageSize=200" + (act is null ? "" : "&act=" + act));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_dead_letter_replay_is_on_the_trail_with_who_what_when_and_on_what()
    {
        using var admin = app.ClientAs([Role.Admin], subject: "ops-anna");
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/dead-letters/replay?messageType=Ledger.Warnings.CheckWarnings") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-Correlation-Id", "change-4711");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.SendAsync(request)).StatusCode);

        // The class's other tests replay too, as other admins.
        var entry = Assert.Single(await TrailAsync("dead-letters.replayed"), e => e.GetProperty("actor").GetString() == "ops-anna");
        Assert.Equal("ops-anna", entry.GetProperty("actor").GetString());
        Assert.Equal(["admin"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Ledger.Warnings.CheckWarnings (0)", entry.GetProperty("subject").GetString());
        Assert.Equal("change-4711", entry.GetProperty("correlationId").GetString());
        Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_refused_or_failed_act_leaves_no_row()
    {
        var before = (await TrailAsync()).Count;
        using var admin = app.ClientAs([Role.Admin], subject: "ops-bob");
        await Problem.AssertAsync(await admin.PostAsJsonAsync($"/admin/dead-letters/{Guid.NewGuid()}/replay", new { }), HttpStatusCode.NotFound);
        using var caseworker = app.ClientAs([Role.Caseworker], ["FR"]);
        await Problem.AssertAsync(await caseworker.PostAsJsonAsync("/admin/dead-letters/replay?messageType=x", new { }), HttpStatusCode.Forbidden);
        Assert.Equal(before, (await TrailAsync()).Count);
    }

    [Fact]
    public async Task An_admins_webhook_registration_and_removal_are_on_the_trail_and_a_caseworkers_own_are_not()
    {
        using var admin = app.ClientAs([Role.Admin], subject: "ops-carl");
        var created = await admin.PostAsJsonAsync("/webhooks", new { url = "http://127.0.0.1:9/hook", secret = "0123456789abcdef0123" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/webhooks/{id}")).StatusCode);

        using var caseworker = app.ClientAs([Role.Caseworker], ["FR"], subject: "officer-fr");
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync("/webhooks", new { url = "http://127.0.0.1:9/mine", secret = "0123456789abcdef0123" })).StatusCode);

        var trail = await TrailAsync();
        Assert.Equal(["webhook.removed", "webhook.registered"], trail.Where(e => e.GetProperty("subject").GetString() == id).Select(e => e.GetProperty("act").GetString()));
        Assert.DoesNotContain(trail, e => e.GetProperty("actor").GetString() == "officer-fr");
    }

    [Theory]
    [InlineData(Role.Caseworker)]
    [InlineData(Role.Recorder)]
    [InlineData(Role.Traveller)]
    [InlineData(Role.Partner)]
    public async Task Only_auditors_and_admins_read_the_trail(Role role)
    {
        using var client = app.ClientAs([role], role == Role.Traveller ? [] : ["FR"], traveller: role == Role.Traveller ? Guid.NewGuid() : null);
        await Problem.AssertAsync(await client.GetAsync("/admin/audit"), HttpStatusCode.Forbidden);
        using var admin = app.ClientAs([Role.Admin]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/audit")).StatusCode);
        await Problem.AssertAsync(await admin.GetAsync("/admin/audit?pageSize=0"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("UPDATE ledger.admin_audit SET actor = 'someone else'")]
    [InlineData("DELETE FROM ledger.admin_audit")]
    [InlineData("TRUNCATE ledger.admin_audit")]
    public async Task The_trail_is_append_only_even_for_the_tables_owner(string sql)
    {
        using var admin = app.ClientAs([Role.Admin], subject: "ops-dora");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/admin/dead-letters/replay?messageType=Nothing", new { })).StatusCode);
        var before = (await TrailAsync()).Count;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal(before, (await TrailAsync()).Count);
    }
}
