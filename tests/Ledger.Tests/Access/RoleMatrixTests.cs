using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>
/// The role matrix of docs/access.md, as a table: every route, asked by a principal holding exactly one role (recorder and
/// caseworker for FR, partner for US, the traveller for its own record, auditor, admin). A role in the row's list
/// gets the route's success status; every other role gets 403 and the ledger is unchanged.
/// </summary>
public class RoleMatrixTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <param name="Allowed">The roles that may make this request.</param>
    /// <param name="Body">A JSON body, or the <see cref="HttpContent"/> to send as it is (an import file).</param>
    /// <param name="Success">The status an allowed principal gets (2xx, or 404 for a made-up webhook id).</param>
    public sealed record Route(string Name, HttpMethod Method, string Path, Func<string, object>? Body, Role[] Allowed, HttpStatusCode Success);

    private static readonly Role[] Readers = [Role.Caseworker, Role.Traveller, Role.Auditor, Role.Admin];
    private static readonly Role[] Auditing = [Role.Auditor, Role.Admin];

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
    private static string DaysAgo(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days).ToString("yyyy-MM-dd");

    public static readonly Route[] Routes =
    [
        new("register", HttpMethod.Post, "/travellers", _ => new { nationalities = new[] { "IN" } }, [Role.Recorder], HttpStatusCode.Created),
        new("identity", HttpMethod.Get, "/travellers/{id}", null, Readers, HttpStatusCode.OK),
        new("search travellers", HttpMethod.Post, "/travellers/search", _ => new { document = "P1", issuingCountry = "IN" }, [Role.Caseworker], HttpStatusCode.OK),
        new("erase identity", HttpMethod.Delete, "/travellers/{id}/identity", null, [Role.Admin], HttpStatusCode.NoContent),
        new("record crossing", HttpMethod.Post, "/travellers/{id}/crossings",
            _ => new { crossingId = "out", direction = "exit", country = "FR", date = DaysAgo(1) }, [Role.Recorder], HttpStatusCode.Created),
        new("record own crossing", HttpMethod.Post, "/travellers/{id}/crossings",
            _ => new { crossingId = "out", direction = "exit", country = "FR", date = DaysAgo(1), source = "selfReported" }, [Role.Recorder, Role.Traveller], HttpStatusCode.Created),
        new("record batch", HttpMethod.Post, "/travellers/{id}/crossings/batch",
            _ => new { crossings = new[] { new { crossingId = "out", direction = "exit", country = "FR", date = DaysAgo(1) } } }, [Role.Recorder], HttpStatusCode.OK),
        // A one-line JSON-lines file: the traveller's own self-reported exit, which an FR recorder may record too.
        new("import", HttpMethod.Post, "/imports?importId=matrix-{id}", id => new StringContent(
            $$"""{"travellerId":"{{id}}","crossingId":"imported","direction":"exit","country":"FR","date":"{{DaysAgo(1)}}","source":"selfReported"}""",
            System.Text.Encoding.UTF8, "application/x-ndjson"), [Role.Recorder, Role.Traveller], HttpStatusCode.OK),
        new("void crossing", HttpMethod.Post, "/travellers/{id}/crossings/in/corrections", _ => new { action = "void", reason = "duplicate" }, [Role.Recorder], HttpStatusCode.Created),
        new("crossings", HttpMethod.Get, "/travellers/{id}/crossings", null, Readers, HttpStatusCode.OK),
        new("record permit", HttpMethod.Post, "/travellers/{id}/permits",
            _ => new { permitId = "p", country = "FR", kind = "residencePermit", first = "2025-01-01", last = "2025-12-31" }, [Role.Caseworker], HttpStatusCode.Created),
        new("permits", HttpMethod.Get, "/travellers/{id}/permits", null, Readers, HttpStatusCode.OK),
        new("visa application", HttpMethod.Post, "/travellers/{id}/visas/applications", _ => new { applicationId = "a2", state = "FR", type = "C", date = "2025-01-01" }, [Role.Caseworker], HttpStatusCode.Created),
        new("issue visa", HttpMethod.Post, "/travellers/{id}/visas", _ => new
        {
            visaId = "V2", issuingState = "FR", type = "C", entries = "multiple", validFrom = "2025-01-01", validUntil = "2025-06-30", durationDays = 90, issuedOn = "2024-12-01",
        }, [Role.Caseworker], HttpStatusCode.Created),
        new("visa refusal", HttpMethod.Post, "/travellers/{id}/visas/refusals", _ => new { applicationId = "a1", state = "FR", date = "2025-01-05", ground = "insufficient means" }, [Role.Caseworker], HttpStatusCode.Created),
        new("visa revocation", HttpMethod.Post, "/travellers/{id}/visas/V1/revocations", _ => new { kind = "revoked", state = "FR", date = "2025-03-01", reason = "fraud" }, [Role.Caseworker], HttpStatusCode.Created),
        new("visa extension", HttpMethod.Post, "/travellers/{id}/visas/V1/extensions", _ => new { validUntil = "2026-01-31", durationDays = 100, date = "2025-03-01", reason = "illness" }, [Role.Caseworker], HttpStatusCode.Created),
        new("withdraw visa application", HttpMethod.Post, "/travellers/{id}/visa-applications/a1/withdrawal", _ => new { date = "2025-01-05", reason = "trip cancelled" }, [Role.Caseworker], HttpStatusCode.Created),
        new("void visa record", HttpMethod.Post, "/travellers/{id}/visas/voids", _ => new { record = "issue", id = "V1", reason = "recorded on the wrong traveller" }, [Role.Caseworker], HttpStatusCode.Created),
        new("visas", HttpMethod.Get, "/travellers/{id}/visas", null, Readers, HttpStatusCode.OK),
        new("visas on a day", HttpMethod.Get, "/travellers/{id}/visas?on=2025-06-01", null, Readers, HttpStatusCode.OK),
        new("visas as known at", HttpMethod.Get, "/travellers/{id}/visas?asKnownAt=2030-01-01T00:00:00Z", null, Auditing, HttpStatusCode.OK),
        new("visa categories", HttpMethod.Get, "/visa-categories?state=US", null, Enum.GetValues<Role>(), HttpStatusCode.OK),
        new("record incident", HttpMethod.Post, "/travellers/{id}/incidents", _ => new { incidentId = "I2", jurisdiction = "FR", date = "2025-02-01", category = "policeReport", source = "police" }, [Role.Caseworker], HttpStatusCode.Created),
        new("resolve incident", HttpMethod.Post, "/travellers/{id}/incidents/I1/resolution", _ => new { date = "2025-03-01", text = "no further action" }, [Role.Caseworker], HttpStatusCode.Created),
        new("expunge incident", HttpMethod.Post, "/travellers/{id}/incidents/I1/expungement", _ => new { date = "2025-03-01", text = "court order" }, [Role.Caseworker], HttpStatusCode.Created),
        new("incidents", HttpMethod.Get, "/travellers/{id}/incidents", null, Readers, HttpStatusCode.OK),
        new("incident outcome", HttpMethod.Post, "/travellers/{id}/incidents/I1/outcomes", _ => new { outcome = "noFurtherAction", date = "2025-03-01" }, [Role.Caseworker], HttpStatusCode.Created),
        new("incident links", HttpMethod.Get, "/travellers/{id}/incidents/links", null, Readers, HttpStatusCode.OK),
        new("record evidence", HttpMethod.Post, "/travellers/{id}/evidence", _ => new
        {
            evidenceId = "e1", kind = "boardingPass", presentIn = "FR", first = DaysAgo(5), last = DaysAgo(5), source = "airline",
        }, [Role.Caseworker], HttpStatusCode.Created),
        new("void evidence", HttpMethod.Post, "/travellers/{id}/evidence/unknown/void", _ => new { reason = "mistake" }, [Role.Caseworker], HttpStatusCode.NotFound),
        new("resolve anomaly", HttpMethod.Post, "/travellers/{id}/anomaly-resolutions",
            _ => new { anomalyId = "missingExit:a+b", presumption = "absent", reason = "ticket" }, [Role.Caseworker], HttpStatusCode.NotFound),
        new("status", HttpMethod.Get, "/travellers/{id}/status", null, Readers, HttpStatusCode.OK),
        new("status as known at", HttpMethod.Get, "/travellers/{id}/status?asKnownAt=2030-01-01T00:00:00Z", null, Auditing, HttpStatusCode.OK),
        new("plan", HttpMethod.Get, "/travellers/{id}/plan?enter=" + Today, null, Readers, HttpStatusCode.OK),
        new("record movement", HttpMethod.Post, "/travellers/{id}/movements",
            _ => new { movementId = "m1", country = "FR", date = DaysAgo(1), source = "ticket" }, [Role.Recorder, Role.Caseworker], HttpStatusCode.Created),
        new("record own movement", HttpMethod.Post, "/travellers/{id}/movements",
            _ => new { movementId = "m1", country = "FR", date = DaysAgo(1), source = "selfReported" }, [Role.Recorder, Role.Caseworker, Role.Traveller], HttpStatusCode.Created),
        new("itinerary check", HttpMethod.Post, "/travellers/{id}/itineraries/check",
            _ => new { legs = new[] { new { country = "FR", from = "2030-01-01", to = "2030-01-10" } } }, Readers, HttpStatusCode.OK),
        new("inline itinerary check", HttpMethod.Post, "/itineraries/check",
            _ => new { nationality = "US", legs = new[] { new { country = "FR", from = "2030-01-01", to = "2030-01-10" } } },
            [Role.Recorder, Role.Caseworker, Role.Traveller, Role.Auditor, Role.Admin], HttpStatusCode.OK),
        new("record plan", HttpMethod.Post, "/travellers/{id}/plans",
            _ => new { planId = "trip-1", legs = new[] { new { country = "FR", from = "2030-01-01", to = "2030-01-10" } } }, [Role.Caseworker, Role.Traveller], HttpStatusCode.Created),
        // A made-up plan: whoever may cancel plans learns only that it is not recorded.
        new("cancel plan", HttpMethod.Post, "/travellers/{id}/plans/unknown/cancellation", _ => new { }, [Role.Caseworker, Role.Traveller], HttpStatusCode.NotFound),
        new("plans", HttpMethod.Get, "/travellers/{id}/plans", null, Readers, HttpStatusCode.OK),
        new("earliest", HttpMethod.Get, "/travellers/{id}/earliest?days=10&from=" + Today, null, Readers, HttpStatusCode.OK),
        new("compliance", HttpMethod.Get, $"/travellers/{{id}}/compliance?from={DaysAgo(30)}&to={Today}", null, Readers, HttpStatusCode.OK),
        new("compliance as known at", HttpMethod.Get, $"/travellers/{{id}}/compliance?from={DaysAgo(30)}&to={Today}&asKnownAt=2030-01-01T00:00:00Z", null, Auditing, HttpStatusCode.OK),
        new("events", HttpMethod.Get, "/travellers/{id}/events", null, Auditing, HttpStatusCode.OK),
        new("history summary", HttpMethod.Get, "/travellers/{id}/history-summary?years=10", null, Readers, HttpStatusCode.OK),
        new("shared records", HttpMethod.Get, "/travellers/{id}/shared-records?requester=US", null, [.. Readers, Role.Partner], HttpStatusCode.OK),
        new("access log", HttpMethod.Get, "/travellers/{id}/access-log", null, [Role.Traveller, Role.Auditor, Role.Admin], HttpStatusCode.OK),
        new("border traffic", HttpMethod.Get, "/border-traffic/FR/" + Today, null, [Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin], HttpStatusCode.OK),
        new("alerts", HttpMethod.Get, "/alerts", null, Readers, HttpStatusCode.OK),
        new("create group", HttpMethod.Post, "/groups", id => new { name = "household", members = new[] { id } }, [Role.Caseworker], HttpStatusCode.Created),
        // A made-up group: whoever may read groups learns only that it does not exist.
        new("group", HttpMethod.Get, $"/groups/{Guid.Empty}", null, Readers, HttpStatusCode.NotFound),
        new("subscribe webhook", HttpMethod.Post, "/webhooks", _ => new { url = "http://127.0.0.1:9/hook", secret = "0123456789abcdef0123" }, [Role.Caseworker, Role.Admin], HttpStatusCode.Created),
        new("webhooks", HttpMethod.Get, "/webhooks", null, [Role.Caseworker, Role.Admin], HttpStatusCode.OK),
        new("deliveries", HttpMethod.Get, "/webhooks/deliveries", null, [Role.Caseworker, Role.Admin], HttpStatusCode.OK),
        new("replay delivery", HttpMethod.Post, $"/webhooks/deliveries/{Guid.Empty}/replay", _ => new { }, [Role.Caseworker, Role.Admin], HttpStatusCode.NotFound),
        new("unsubscribe webhook", HttpMethod.Delete, $"/webhooks/{Guid.Empty}", null, [Role.Caseworker, Role.Admin], HttpStatusCode.NotFound),
        new("re-register webhook", HttpMethod.Post, $"/webhooks/{Guid.Empty}/registration", _ => new { }, [Role.Admin], HttpStatusCode.NotFound),
        // A made-up token id: revoking it touches no one.
        new("revoke token", HttpMethod.Post, "/tokens/revocations", id => new { jti = $"matrix-{id}", expires = DateTimeOffset.UtcNow.AddHours(1) }, [Role.Admin], HttpStatusCode.Created),
        new("token revocations", HttpMethod.Get, "/tokens/revocations", null, [Role.Admin], HttpStatusCode.OK),
        new("admin audit", HttpMethod.Get, "/admin/audit", null, [Role.Auditor, Role.Admin], HttpStatusCode.OK),
        new("dead letters", HttpMethod.Get, "/admin/dead-letters", null, [Role.Admin], HttpStatusCode.OK),
        new("replay dead letter", HttpMethod.Post, $"/admin/dead-letters/{Guid.Empty}/replay", _ => new { }, [Role.Admin], HttpStatusCode.NotFound),
        new("replay dead letters of a type", HttpMethod.Post, "/admin/dead-letters/replay?messageType=Ledger.Projections.Warnings.WarningIssued", _ => new { }, [Role.Admin], HttpStatusCode.Accepted),
        // On loopback anyone may scrape, with or without a token (MetricsAccessTests covers the other side).
        new("metrics", HttpMethod.Get, "/metrics", null, Enum.GetValues<Role>(), HttpStatusCode.OK),
    ];

    public static TheoryData<string, Role> Cases()
    {
        var data = new TheoryData<string, Role>();
        foreach (var route in Routes)
            foreach (var role in Enum.GetValues<Role>())
                data.Add(route.Name, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_may_do_what_the_matrix_says_and_nothing_else(string routeName, Role role)
    {
        var route = Routes.Single(r => r.Name == routeName);
        var traveller = await TravellerWithRecordsAsync();
        using var client = app.ClientAs([role], CountriesOf(role), role == Role.Traveller ? traveller : null, subject: $"matrix-{role}");
        var versionBefore = await app.StreamVersionAsync(traveller);

        var response = await client.SendAsync(Request(route, traveller));

        if (route.Allowed.Contains(role))
        {
            Assert.True(route.Success == response.StatusCode,
                $"{route.Method} {route.Path} as {role}: expected {(int)route.Success}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal(versionBefore, await app.StreamVersionAsync(traveller));
        }
    }

    /// <summary>Every route naming a traveller, with each role the matrix refuses it to.</summary>
    public static TheoryData<string, Role> RefusedCases()
    {
        var data = new TheoryData<string, Role>();
        foreach (var route in Routes.Where(r => r.Path.Contains("{id}", StringComparison.Ordinal) || r.Body is not null))
            foreach (var role in Enum.GetValues<Role>().Where(r => !route.Allowed.Contains(r)))
                data.Add(route.Name, role);
        return data;
    }

    /// <summary>
    /// A role the matrix refuses a route is refused before any record is read: the same 403, with the same message, for
    /// a registered traveller and for an id nobody registered, so the refusal tells nothing about who is registered.
    /// </summary>
    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task A_refused_role_learns_nothing_about_whether_the_traveller_exists(string routeName, Role role)
    {
        var route = Routes.Single(r => r.Name == routeName);
        var known = await TravellerWithRecordsAsync();
        // A traveller token names a record of its own, neither of the two asked about.
        using var client = app.ClientAs([role], CountriesOf(role), role == Role.Traveller ? await app.RegisterTravellerAsync("IN") : null, subject: $"matrix-{role}");

        var forKnown = await client.SendAsync(Request(route, known));
        var knownDetail = (await Problem.AssertAsync(forKnown, HttpStatusCode.Forbidden)).GetProperty("detail").GetString();
        foreach (var unknown in new[] { Guid.NewGuid(), Guid.Empty })
        {
            var forUnknown = await client.SendAsync(Request(route, unknown));
            Assert.True(forUnknown.StatusCode == HttpStatusCode.Forbidden,
                $"{route.Method} {route.Path} as {role}: 403 for a registered traveller but {(int)forUnknown.StatusCode} for {unknown}");
            Assert.Equal(knownDetail, (await Problem.AssertAsync(forUnknown, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_partner_is_answered_as_its_own_state_and_may_not_ask_as_another()
    {
        var traveller = await TravellerWithRecordsAsync();
        using var us = app.ClientAs([Role.Partner], ["US"], subject: "us-cbp");
        var implicitly = await us.GetFromJsonAsync<System.Text.Json.JsonElement>($"/travellers/{traveller}/shared-records");
        Assert.Equal("US", implicitly.GetProperty("requester").GetString());
        await Problem.AssertAsync(await us.GetAsync($"/travellers/{traveller}/shared-records?requester=GB"), HttpStatusCode.Forbidden);

        using var twoStates = app.ClientAs([Role.Partner], ["US", "GB"]);
        await Problem.AssertAsync(await twoStates.GetAsync($"/travellers/{traveller}/shared-records?requester=US"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_traveller_may_not_read_another_travellers_record()
    {
        var mine = await TravellerWithRecordsAsync();
        var theirs = await TravellerWithRecordsAsync();
        using var me = app.ClientAs([Role.Traveller], traveller: mine);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/travellers/{mine}/status")).StatusCode);
        foreach (var path in new[] { "", "/status", "/crossings", "/incidents", "/shared-records?requester=US", "/access-log" })
            await Problem.AssertAsync(await me.GetAsync($"/travellers/{theirs}{path}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_recorder_may_not_record_or_correct_another_countrys_crossings()
    {
        var traveller = await TravellerWithRecordsAsync(); // its entry "in" was recorded in FR
        using var germany = app.ClientAs([Role.Recorder], ["DE"]);
        var before = await app.StreamVersionAsync(traveller);
        await Problem.AssertAsync(await germany.PostAsJsonAsync($"/travellers/{traveller}/crossings",
            new { crossingId = "out", direction = "exit", country = "FR", date = DaysAgo(1) }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await germany.PostAsJsonAsync($"/travellers/{traveller}/crossings/in/corrections",
            new { action = "void", reason = "mine now" }), HttpStatusCode.Forbidden);
        // Correcting FR's crossing into a DE one is still touching FR's record.
        await Problem.AssertAsync(await germany.PostAsJsonAsync($"/travellers/{traveller}/crossings/in/corrections",
            new { action = "correct", reason = "moved", direction = "entry", country = "DE", date = DaysAgo(20) }), HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.StreamVersionAsync(traveller));
        Assert.Equal(HttpStatusCode.Created, (await germany.PostAsJsonAsync($"/travellers/{traveller}/crossings",
            new { crossingId = "out", direction = "exit", country = "DE", date = DaysAgo(1) })).StatusCode);
    }

    [Fact]
    public async Task A_caseworker_may_not_extend_or_settle_another_states_records()
    {
        var traveller = await TravellerWithRecordsAsync(); // visa V1 issued by FR, incident I1 in FR's jurisdiction
        using var spain = app.ClientAs([Role.Caseworker], ["ES"]);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{traveller}/visas/V1/extensions",
            new { validUntil = "2026-01-31", durationDays = 100, date = "2025-03-01", reason = "illness" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{traveller}/incidents/I1/expungement",
            new { date = "2025-03-01", text = "not ours" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{traveller}/incidents/I1/outcomes",
            new { outcome = "fine", date = "2025-03-01" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{traveller}/visas",
            new { visaId = "V9", issuingState = "FR", type = "C", entries = "multiple", validFrom = "2025-01-01", validUntil = "2025-06-30", durationDays = 90, issuedOn = "2024-12-01" }),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_refusal_does_not_reveal_whether_a_traveller_exists()
    {
        var known = await TravellerWithRecordsAsync();
        using var partner = app.ClientAs([Role.Partner], ["US"]);
        var forKnown = await partner.GetAsync($"/travellers/{known}/status");
        var forUnknown = await partner.GetAsync($"/travellers/{Guid.NewGuid()}/status");
        Assert.Equal(HttpStatusCode.Forbidden, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal((await Problem.AssertAsync(forKnown, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(),
            (await Problem.AssertAsync(forUnknown, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
    }

    private static IReadOnlyList<string> CountriesOf(Role role) => role switch
    {
        Role.Recorder or Role.Caseworker => ["FR"],
        Role.Partner => ["US"],
        _ => [],
    };

    private static HttpRequestMessage Request(Route route, Guid traveller)
    {
        var request = new HttpRequestMessage(route.Method, route.Path.Replace("{id}", traveller.ToString()));
        if (route.Body?.Invoke(traveller.ToString()) is { } body) request.Content = body as HttpContent ?? JsonContent.Create(body);
        return request;
    }

    /// <summary>An Indian national inside France for 20 days, with an FR visa application, visa and police report.</summary>
    private async Task<Guid> TravellerWithRecordsAsync()
    {
        var id = await app.RegisterTravellerAsync("IN");
        async Task Ok(string path, object body) =>
            Assert.True((await app.PostAsync(path, body)).IsSuccessStatusCode, $"setup POST {path}");
        await Ok($"/travellers/{id}/crossings", new { crossingId = "in", direction = "entry", country = "FR", date = DaysAgo(20) });
        await Ok($"/travellers/{id}/visas/applications", new { applicationId = "a1", state = "FR", type = "C", date = "2024-11-01" });
        await Ok($"/travellers/{id}/visas", new
        {
            visaId = "V1", issuingState = "FR", type = "C", entries = "multiple", validFrom = "2025-01-01", validUntil = "2025-12-31", durationDays = 90, issuedOn = "2024-12-01",
        });
        await Ok($"/travellers/{id}/incidents", new { incidentId = "I1", jurisdiction = "FR", date = "2025-02-01", category = "policeReport", source = "police" });
        return id;
    }
}
