using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Visas;

/// <summary>applied → (refused | issued | withdrawn): every contradiction is refused, and a void restores the view.</summary>
public class VisaLifecycleTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static object Application(string id = "A1", string date = "2025-01-10") => new { applicationId = id, state = "FR", type = "C", date };

    private static object Visa(string visaId = "V1", string? applicationId = "A1", string issuedOn = "2025-01-20", object? application = null) => new
    {
        visaId, applicationId, issuingState = "FR", type = "C", entries = "multiple",
        validFrom = "2025-02-01", validUntil = "2025-07-31", durationDays = 90, issuedOn, application,
    };

    private static object Refusal(string applicationId = "A1", string date = "2025-01-20", string ground = "insufficient means", object? application = null) =>
        new { applicationId, state = "FR", date, ground, application };

    private async Task<Guid> WithApplicationAsync()
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications", Application())).StatusCode);
        return id;
    }

    private async Task<JsonElement> ApplicationAsync(Guid id, string applicationId = "A1") =>
        (await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("applications").EnumerateArray()
            .Single(a => a.GetProperty("applicationId").GetString() == applicationId);

    /// <summary>Asserts the status, a readable detail containing <paramref name="says"/>, and that nothing was written.</summary>
    private async Task<JsonElement> RefusedAsync(Guid id, string path, object body, HttpStatusCode status, string says)
    {
        var before = await app.StreamVersionAsync(id);
        var problem = await Problem.AssertAsync(await app.PostAsync(path, body), status);
        Assert.Contains(says, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.StreamVersionAsync(id));
        return problem;
    }

    [Fact]
    public async Task A_decision_on_an_application_never_recorded_needs_its_facts_and_says_it_carried_them()
    {
        var id = await app.RegisterTravellerAsync("IN");
        await RefusedAsync(id, $"/travellers/{id}/visas/refusals", Refusal(), (HttpStatusCode)422, "application 'A1' is not recorded");
        await RefusedAsync(id, $"/travellers/{id}/visas", Visa(), (HttpStatusCode)422, "application 'A1' is not recorded");

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/refusals",
            Refusal(application: new { type = "c", date = "2025-01-10" }))).StatusCode);
        var a = await ApplicationAsync(id);
        Assert.Equal(("refused", false, "C", "2025-01-20"), (a.GetProperty("outcome").GetString(), a.GetProperty("applicationRecorded").GetBoolean(),
            a.GetProperty("type").GetString(), a.GetProperty("decidedOn").GetString()));
        // Resending the same refusal adds nothing.
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/visas/refusals",
            Refusal(application: new { type = "C", date = "2025-01-10" }))).StatusCode);

        // A visa issued on an unrecorded application records it from the visa (type defaults to the visa's).
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas",
            Visa("V2", "A2", application: new { date = "2025-01-05" }))).StatusCode);
        var a2 = await ApplicationAsync(id, "A2");
        Assert.Equal(("issued", false, "V2"), (a2.GetProperty("outcome").GetString(), a2.GetProperty("applicationRecorded").GetBoolean(), a2.GetProperty("visaId").GetString()));
        await RefusedAsync(id, $"/travellers/{id}/visas", Visa("V3", null, application: new { date = "2025-01-05" }), HttpStatusCode.BadRequest, "applicationId is missing");
    }

    [Fact]
    public async Task A_decision_dated_before_its_application_is_a_422()
    {
        var id = await WithApplicationAsync();
        await RefusedAsync(id, $"/travellers/{id}/visas/refusals", Refusal(date: "2025-01-09"), (HttpStatusCode)422, "before its application (2025-01-10)");
        await RefusedAsync(id, $"/travellers/{id}/visas", Visa(issuedOn: "2025-01-09"), (HttpStatusCode)422, "before its application");
        await RefusedAsync(id, $"/travellers/{id}/visa-applications/A1/withdrawal", new { date = "2025-01-09" }, (HttpStatusCode)422, "before its application");
        await RefusedAsync(id, $"/travellers/{id}/visas/refusals",
            Refusal("B1", "2025-01-09", application: new { type = "C", date = "2025-01-10" }), (HttpStatusCode)422, "before its application");
        // On the day of the application is fine.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/refusals", Refusal(date: "2025-01-10"))).StatusCode);
    }

    [Fact]
    public async Task A_decided_application_is_not_decided_again_and_the_409_names_the_earlier_decision()
    {
        var id = await WithApplicationAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
        var problem = await RefusedAsync(id, $"/travellers/{id}/visas/refusals", Refusal(date: "2025-02-01"), HttpStatusCode.Conflict,
            "application 'A1' was already issued on 2025-01-20 (visa 'V1')");
        Assert.Equal("issued", problem.GetProperty("earlierDecision").GetString());
        await RefusedAsync(id, $"/travellers/{id}/visas", Visa("V2"), HttpStatusCode.Conflict, "already issued on 2025-01-20 (visa 'V1')");
        await RefusedAsync(id, $"/travellers/{id}/visa-applications/A1/withdrawal", new { date = "2025-02-01" }, HttpStatusCode.Conflict, "already issued");

        var refused = await WithApplicationAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{refused}/visas/refusals", Refusal())).StatusCode);
        await RefusedAsync(refused, $"/travellers/{refused}/visas", Visa(), HttpStatusCode.Conflict, "already refused on 2025-01-20");
        await RefusedAsync(refused, $"/travellers/{refused}/visas/refusals", Refusal(ground: "another ground"), HttpStatusCode.Conflict, "already refused on 2025-01-20");
        // The visa view never shows "refused" next to a valid visa of the same application.
        Assert.Empty((await app.GetJsonAsync($"/travellers/{refused}/visas")).GetProperty("visas").EnumerateArray());
    }

    [Fact]
    public async Task A_pending_application_can_be_withdrawn_once_and_then_not_decided()
    {
        var id = await WithApplicationAsync();
        await RefusedAsync(id, $"/travellers/{id}/visa-applications/NOPE/withdrawal", new { date = "2025-01-15" }, HttpStatusCode.NotFound, "'NOPE' is not recorded");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visa-applications/A1/withdrawal", new { date = "2025-01-15", reason = "trip cancelled" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/visa-applications/A1/withdrawal", new { date = "2025-01-15" })).StatusCode);
        Assert.Equal(("withdrawn", "2025-01-15"), ((await ApplicationAsync(id)).GetProperty("outcome").GetString(), (await ApplicationAsync(id)).GetProperty("decidedOn").GetString()));
        await RefusedAsync(id, $"/travellers/{id}/visas/refusals", Refusal(), HttpStatusCode.Conflict, "already withdrawn on 2025-01-15");
        await RefusedAsync(id, $"/travellers/{id}/visas", Visa(), HttpStatusCode.Conflict, "already withdrawn on 2025-01-15");
        using var spain = app.ClientAs([Ledger.Access.Role.Caseworker], ["ES"]);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{id}/visa-applications/A1/withdrawal", new { date = "2025-01-16" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Voiding_a_refusal_restores_the_view_and_the_shared_records_while_auditors_still_see_it()
    {
        var id = await WithApplicationAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/refusals", Refusal())).StatusCode);
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=DE")).GetProperty("visaRefusals").EnumerateArray());
        await Task.Delay(50);
        var beforeVoid = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        await Task.Delay(50);

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/voids", new { record = "refusal", id = "A1", reason = "entered on the wrong traveller" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/visas/voids", new { record = "refusal", id = "A1", reason = "again" })).StatusCode);

        var now = await app.GetJsonAsync($"/travellers/{id}/visas");
        Assert.Empty(now.GetProperty("refusals").EnumerateArray());
        Assert.Equal("pending", (await ApplicationAsync(id)).GetProperty("outcome").GetString());
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=DE")).GetProperty("visaRefusals").EnumerateArray());
        // The original stays visible to auditors: in the stream and as known before the void.
        var then = await app.GetJsonAsync($"/travellers/{id}/visas?asKnownAt={beforeVoid}");
        Assert.Equal("insufficient means", then.GetProperty("refusals")[0].GetProperty("ground").GetString());
        var types = (await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains(types, t => t!.Contains("refused", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(types, t => t!.Contains("voided", StringComparison.OrdinalIgnoreCase));

        // The application is open again, so it can now be decided.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
    }

    [Fact]
    public async Task Voids_of_visas_withdrawals_and_applications_reopen_what_they_decided()
    {
        var id = await WithApplicationAsync();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
        await RefusedAsync(id, $"/travellers/{id}/visas/voids", new { record = "application", id = "A1", reason = "x" }, HttpStatusCode.Conflict, "void that decision first");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/voids", new { record = "issue", id = "V1", reason = "wrong visa" })).StatusCode);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("visas").EnumerateArray());
        Assert.Equal("pending", (await ApplicationAsync(id)).GetProperty("outcome").GetString());

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visa-applications/A1/withdrawal", new { date = "2025-01-15" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/voids", new { record = "withdrawal", id = "A1", reason = "applicant did not withdraw" })).StatusCode);
        Assert.Equal("pending", (await ApplicationAsync(id)).GetProperty("outcome").GetString());

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/voids", new { record = "application", id = "A1", reason = "never applied" })).StatusCode);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("applications").EnumerateArray());
        await RefusedAsync(id, $"/travellers/{id}/visas/voids", new { record = "refusal", id = "ZZ", reason = "x" }, HttpStatusCode.NotFound, "refusal of application 'ZZ' is not recorded");
        await RefusedAsync(id, $"/travellers/{id}/visas/voids", new { record = "everything", id = "A1", reason = "x" }, HttpStatusCode.BadRequest, "record");

        // A voided decision that carried its application takes the application with it.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/refusals", Refusal("C1", application: new { type = "C", date = "2025-01-10" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/voids", new { record = "refusal", id = "C1", reason = "not this person" })).StatusCode);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("applications").EnumerateArray());

        using var spain = app.ClientAs([Ledger.Access.Role.Caseworker], ["ES"]);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa("V9", null))).StatusCode);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{id}/visas/voids", new { record = "issue", id = "V9", reason = "not ours" }), HttpStatusCode.Forbidden);
    }
}
