using System.Net;
using Ledger.Tests.Support;

namespace Ledger.Tests.Visas;

public class VisaTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static object Visa(string visaId = "V1", string validUntil = "2025-12-31") => new
    {
        visaId, applicationId = "A1", issuingState = "FR", type = "C", entries = "multiple",
        validFrom = "2025-01-01", validUntil, durationDays = 90, issuedOn = "2024-12-15",
    };

    [Fact]
    public async Task The_visa_history_shows_applications_issues_refusals_revocations_and_extensions()
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "A1", state = "FR", type = "C", date = "2024-12-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/V1/extensions", new { validUntil = "2026-03-31", durationDays = 90, date = "2025-06-01", reason = "force majeure" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "A2", state = "DE", date = "2025-07-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/refusals", new { applicationId = "A2", state = "DE", date = "2025-07-10", ground = "insufficient means" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/V1/revocations", new { kind = "annulled", state = "FR", date = "2025-08-01", reason = "false documents" })).StatusCode);

        var book = await app.GetJsonAsync($"/travellers/{id}/visas");
        var visa = book.GetProperty("visas")[0];
        Assert.Equal("2026-03-31", visa.GetProperty("validUntil").GetString());
        Assert.Equal("annulled", visa.GetProperty("status").GetString());
        Assert.Equal(["issued", "refused"], book.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal("insufficient means", book.GetProperty("refusals")[0].GetProperty("ground").GetString());
    }

    [Fact]
    public async Task Visa_ids_are_idempotency_keys()
    {
        var id = await app.RegisterTravellerAsync("IN");
        // The visa decides application A1, which must be recorded first (a decision needs its application).
        (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "A1", state = "FR", type = "C", date = "2024-12-01" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas", Visa(validUntil: "2025-11-30")), HttpStatusCode.Conflict);
    }

    /// <summary>
    /// A resend of an accepted issue or extension answers as the first time, whatever was recorded since: an extended
    /// visa is compared as issued (it was a 409 that listed the extended validity), and an earlier extension resent
    /// after a later one is recognised (it was a 400, "cannot shorten"). Nothing is appended.
    /// </summary>
    [Fact]
    public async Task Resending_an_issue_or_an_extension_after_a_later_extension_changes_nothing()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "A1", state = "FR", type = "C", date = "2024-12-01" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", Visa())).StatusCode);
        var first = new { validUntil = "2026-03-31", durationDays = 100, date = "2025-06-01", reason = "force majeure" };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/V1/extensions", first)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/V1/extensions",
            new { validUntil = "2026-06-30", durationDays = 120, date = "2025-09-01", reason = "hospital stay" })).StatusCode);
        var before = await app.StreamVersionAsync(id);
        var visasBefore = (await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("visas").GetRawText();

        var issueAgain = await app.PostAsync($"/travellers/{id}/visas", Visa());
        Assert.True(issueAgain.StatusCode == HttpStatusCode.OK, $"resent issue: {(int)issueAgain.StatusCode} {await issueAgain.Content.ReadAsStringAsync()}");
        var extendAgain = await app.PostAsync($"/travellers/{id}/visas/V1/extensions", first);
        Assert.True(extendAgain.StatusCode == HttpStatusCode.OK, $"resent extension: {(int)extendAgain.StatusCode} {await extendAgain.Content.ReadAsStringAsync()}");

        Assert.Equal(before, await app.StreamVersionAsync(id));
        Assert.Equal(visasBefore, (await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("visas").GetRawText());
        var visa = (await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("visas")[0];
        Assert.Equal("2026-06-30", visa.GetProperty("validUntil").GetString());
        // Other content under the same visa id is still a conflict, named against the visa as issued.
        var other = await app.PostAsync($"/travellers/{id}/visas", Visa(validUntil: "2025-11-30"));
        var problem = await Problem.AssertAsync(other, HttpStatusCode.Conflict);
        Assert.StartsWith("validUntil (", Assert.Single(problem.GetProperty("differences").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Bad_visa_facts_are_refused_without_writing()
    {
        var id = await app.RegisterTravellerAsync("IN");
        var version = await app.StreamVersionAsync(id);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas/V9/revocations", new { state = "FR", date = "2025-08-01", reason = "x" }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "V2", issuingState = "FR", type = "C", entries = "3", validFrom = "2025-01-01", validUntil = "2025-01-31", durationDays = 30, issuedOn = "2024-12-15",
        }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "V2", issuingState = "FR", type = "C", entries = "1", validFrom = "2025-01-01", validUntil = "2025-01-31", durationDays = 40, issuedOn = "2024-12-15",
        }), HttpStatusCode.BadRequest);
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_long_stay_D_visa_acts_as_a_permit_of_its_state()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.RecordCrossingAsync(id, "in", "entry", "IT", app.DaysAgo(20))).EnsureSuccessStatusCode();
        Assert.Equal(21, await app.SchengenDaysUsedAsync(id));
        await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "D1", issuingState = "IT", type = "D", entries = "multiple", validFrom = app.DaysAgo(365), validUntil = app.DaysAgo(-365), durationDays = 365, issuedOn = app.DaysAgo(400),
        });
        Assert.Equal(0, await app.SchengenDaysUsedAsync(id));

        // Revoked four days ago: from the revocation day on (five days, today included) the days count again.
        await app.PostAsync($"/travellers/{id}/visas/D1/revocations", new { kind = "revoked", state = "IT", date = app.DaysAgo(4), reason = "left the job" });
        Assert.Equal(5, await app.SchengenDaysUsedAsync(id));
    }
}
