using System.Net;
using Ledger.Tests.Support;

namespace Ledger.Tests.Permits;

public class PermitTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Days_under_a_permit_of_that_country_stop_counting_and_a_resend_adds_nothing()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "DE", app.DaysAgo(40))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "DE", app.DaysAgo(11))).EnsureSuccessStatusCode();
        Assert.Equal(30, await app.SchengenDaysUsedAsync(id));

        var permit = new { permitId = "DE-RP-1", country = "DE", kind = "residencePermit", first = app.DaysAgo(30), last = app.DaysAgo(21) };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/permits", permit)).StatusCode);
        Assert.Equal(20, await app.SchengenDaysUsedAsync(id));

        var version = await app.StreamVersionAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/permits", permit)).StatusCode);
        Assert.Equal(version, await app.StreamVersionAsync(id));
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/permits")).EnumerateArray());
    }

    [Fact]
    public async Task A_permit_ending_before_it_starts_is_400()
    {
        var id = await app.RegisterTravellerAsync();
        var body = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/permits",
            new { permitId = "p", country = "DE", first = "2025-02-01", last = "2025-01-01" }), HttpStatusCode.BadRequest);
        Assert.Contains("before", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_same_permit_id_with_other_dates_is_409()
    {
        var id = await app.RegisterTravellerAsync();
        await app.PostAsync($"/travellers/{id}/permits", new { permitId = "p", country = "DE", first = "2025-01-01", last = "2025-12-31" });
        var body = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/permits",
            new { permitId = "p", country = "DE", first = "2025-01-01", last = "2026-12-31" }), HttpStatusCode.Conflict);
        Assert.Contains("last", body.GetProperty("detail").GetString());
    }
}
