using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Sharing;

/// <summary>
/// A state does not share records of its own permanent residents, from the day the status was granted (a visa or
/// permit category that counts as permanent residence, visa-categories.json); Five Eyes withhold the earlier records too
/// (sharing.json, ownPeopleRecordsBeforeGrant).
/// </summary>
public class PermanentResidenceSharingTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> IndianWithCanadianAndBritishRecordsAsync()
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/refusals", new
        {
            applicationId = "CA-2023", state = "CA", date = "2023-05-10", ground = "purpose of visit not established", application = new { type = "TRV", date = "2023-04-01" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "CA-STUDY", issuingState = "CA", type = "study", entries = "multiple", validFrom = "2024-01-01", validUntil = "2027-12-31", durationDays = 1461, issuedOn = "2023-12-01",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "GB-SV", issuingState = "GB", type = "SV", entries = "multiple", validFrom = "2024-06-01", validUntil = "2024-11-30", durationDays = 180, issuedOn = "2024-05-20",
        })).StatusCode);
        return id;
    }

    private async Task<(List<string?> Visas, List<string?> Refusals)> UsSeesAsync(Guid id)
    {
        var us = await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=US");
        return (us.GetProperty("visas").EnumerateArray().Select(v => v.GetProperty("record").GetProperty("visaId").GetString()).ToList(),
            us.GetProperty("visaRefusals").EnumerateArray().Select(r => r.GetProperty("record").GetProperty("applicationId").GetString()).ToList());
    }

    private async Task AssertUsSeesEverythingAsync(Guid id)
    {
        var (visas, refusals) = await UsSeesAsync(id);
        Assert.Equal(["CA-STUDY", "GB-SV"], visas);
        Assert.Equal(["CA-2023"], refusals);
    }

    private Task<HttpResponseMessage> GrantCanadianPrAsync(Guid id, string validFrom) => app.PostAsync($"/travellers/{id}/visas", new
    {
        visaId = "CA-PR", issuingState = "CA", type = "PR", entries = "multiple", validFrom, validUntil = "2199-12-31", durationDays = 1000, issuedOn = app.DaysAgo(30),
    });

    [Fact]
    public async Task Canada_stops_sharing_a_permanent_residents_records_from_the_day_of_the_grant_including_earlier_ones()
    {
        var id = await IndianWithCanadianAndBritishRecordsAsync();
        await AssertUsSeesEverythingAsync(id);
        // A shared visa carries its status derived today, as the traveller's own view does.
        var shared = (await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=US")).GetProperty("visas").EnumerateArray()
            .Single(v => v.GetProperty("record").GetProperty("visaId").GetString() == "GB-SV");
        Assert.Equal("expired", shared.GetProperty("record").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Created, (await GrantCanadianPrAsync(id, app.DaysAgo(10))).StatusCode);
        var (visas, refusals) = await UsSeesAsync(id);
        Assert.Equal(["GB-SV"], visas);
        Assert.Empty(refusals);
        // Canada itself still sees all its own records.
        var ca = await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=CA");
        Assert.Equal(2, ca.GetProperty("visas").EnumerateArray().Count(v => v.GetProperty("holder").GetString() == "CA"));

        // The status ends: the records are shared again, the revoked grant with them.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/CA-PR/revocations",
            new { kind = "revoked", state = "CA", date = app.DaysAgo(0), reason = "residency obligation not met" })).StatusCode);
        (visas, refusals) = await UsSeesAsync(id);
        Assert.Equal(["CA-STUDY", "GB-SV", "CA-PR"], visas);
        Assert.Equal(["CA-2023"], refusals);
    }

    [Fact]
    public async Task A_grant_that_begins_later_changes_nothing_yet_and_an_immigrant_visa_is_not_yet_permanent_residence()
    {
        var id = await IndianWithCanadianAndBritishRecordsAsync();
        Assert.Equal(HttpStatusCode.Created, (await GrantCanadianPrAsync(id, app.DaysAgo(-30))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "US-IV", issuingState = "US", type = "IV", entries = "single", validFrom = app.DaysAgo(10), validUntil = app.DaysAgo(-170), durationDays = 180, issuedOn = app.DaysAgo(10),
        })).StatusCode);
        var gb = await app.GetJsonAsync($"/travellers/{id}/shared-records?requester=GB");
        Assert.Contains("CA-STUDY", gb.GetProperty("visas").EnumerateArray().Select(v => v.GetProperty("record").GetProperty("visaId").GetString()));
        Assert.Contains("US-IV", gb.GetProperty("visas").EnumerateArray().Select(v => v.GetProperty("record").GetProperty("visaId").GetString()));
    }
}
