using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Sharing;

/// <summary>
/// Travel authorisation refusals and revocations reach the shared-records view as visa refusals and revoked visas do:
/// under the arrangements that share visas, held by the scheme's state, withheld from states no arrangement covers.
/// </summary>
public class AuthorisationSharingTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private Task<JsonElement> SharedWith(Guid id, string requester) => app.GetJsonAsync($"/travellers/{id}/shared-records?requester={requester}");

    private static IEnumerable<string?> Ids(JsonElement view, string kind) =>
        view.GetProperty(kind).EnumerateArray().Select(x => x.GetProperty("record").GetProperty("authorisationId").GetString());

    private async Task<Guid> NewZealanderRefusedThenRevokedAsync()
    {
        var id = await app.RegisterTravellerAsync("NZ");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals",
            new { authorisationId = "R1", scheme = "us-esta", date = "2024-03-01", ground = "ineligible under INA 217(a)" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "E1", scheme = "us-esta", documentNumber = "LA123456", documentIssuingCountry = "NZ", granted = "2024-05-01",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations",
            new { date = "2024-07-01", ground = "new information" })).StatusCode);
        return id;
    }

    [Fact]
    public async Task A_five_eyes_partner_sees_an_ESTA_refusal_and_a_revoked_ESTA_under_the_arrangement_that_shares_visas()
    {
        var id = await NewZealanderRefusedThenRevokedAsync();
        var gb = await SharedWith(id, "GB");
        var refusal = Assert.Single(gb.GetProperty("travelAuthorisationRefusals").EnumerateArray());
        Assert.Equal(("R1", "US", "five-eyes", "2024-03-01", "ineligible under INA 217(a)"), (refusal.GetProperty("record").GetProperty("authorisationId").GetString(),
            refusal.GetProperty("holder").GetString(), refusal.GetProperty("sharedUnder").GetString(),
            refusal.GetProperty("record").GetProperty("date").GetString(), refusal.GetProperty("record").GetProperty("ground").GetString()));
        var revoked = Assert.Single(gb.GetProperty("travelAuthorisations").EnumerateArray()).GetProperty("record");
        Assert.Equal(("E1", "revoked", "2024-07-01", "new information"), (revoked.GetProperty("authorisationId").GetString(), revoked.GetProperty("status").GetString(),
            revoked.GetProperty("revokedOn").GetString(), revoked.GetProperty("revocationGround").GetString()));
        // The passport number is identity data: never shared.
        Assert.False(revoked.TryGetProperty("documentNumber", out _));
        Assert.Equal(["R1"], Ids(await SharedWith(id, "AU"), "travelAuthorisationRefusals"));
        // The holder sees its own.
        Assert.Equal("own", (await SharedWith(id, "US")).GetProperty("travelAuthorisationRefusals")[0].GetProperty("sharedUnder").GetString());
    }

    [Fact]
    public async Task A_state_no_arrangement_links_to_the_holder_sees_none_and_is_told_why()
    {
        var id = await NewZealanderRefusedThenRevokedAsync();
        var fr = await SharedWith(id, "FR");
        Assert.Empty(fr.GetProperty("travelAuthorisationRefusals").EnumerateArray());
        Assert.Empty(fr.GetProperty("travelAuthorisations").EnumerateArray());
        Assert.Equal("no sharing arrangement covers these records for FR: they are held by US",
            fr.GetProperty("emptyBecause").GetProperty("travelAuthorisationRefusals").GetString());
    }

    [Fact]
    public async Task The_holder_withholds_an_authorisation_refusal_of_its_own_permanent_resident_as_it_withholds_visa_refusals()
    {
        // A French national refused a Canadian eTA, later a permanent resident of Canada: Canada no longer shares its records of them.
        var id = await app.RegisterTravellerAsync("FR");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals",
            new { authorisationId = "CA-R", scheme = "ca-eta", date = "2020-03-01" })).StatusCode);
        Assert.Equal(["CA-R"], Ids(await SharedWith(id, "GB"), "travelAuthorisationRefusals"));
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/permits", new
        {
            permitId = "ca-pr", country = "CA", kind = "permanentResidence", first = "2022-01-01", last = "2099-12-31",
        })).StatusCode);
        Assert.Empty(Ids(await SharedWith(id, "GB"), "travelAuthorisationRefusals"));
    }

    [Fact]
    public async Task The_history_summary_lists_per_state_the_authorisations_and_refusals_each_would_see()
    {
        var id = await app.RegisterTravellerAsync("NZ");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals",
            new { authorisationId = "R1", scheme = "us-esta", date = today.AddDays(-30).ToString("yyyy-MM-dd") })).StatusCode);
        var summary = await app.GetJsonAsync($"/travellers/{id}/history-summary");
        var states = summary.GetProperty("whatStatesSee").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!);
        Assert.Equal(["R1"], states["CA"].GetProperty("travelAuthorisationRefusals").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(states["DE"].GetProperty("travelAuthorisationRefusals").EnumerateArray());
    }
}
