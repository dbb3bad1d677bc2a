using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Sharing;

/// <summary>
/// A sharing view that shows nothing says why: the ledger holds none of that kind, or no arrangement covers the
/// records it holds for the requesting state (naming their holders). Per kind in <c>emptyBecause</c>, and for the
/// whole view in <c>reason</c> when nothing at all is shown.
/// </summary>
public class EmptyViewReasonTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private Task<JsonElement> SharedWith(Guid id, string requester) => app.GetJsonAsync($"/travellers/{id}/shared-records?requester={requester}");

    [Fact]
    public async Task A_view_with_nothing_covered_names_the_holders_and_says_no_arrangement_covers_them()
    {
        // An Indian traveller with a UK incident only: France is in no arrangement with the UK.
        var id = await app.RegisterTravellerAsync("IN");
        (await app.PostAsync($"/travellers/{id}/incidents", new { incidentId = "GB-I", jurisdiction = "GB", date = "2025-02-01", category = "policeReport", source = "met police" })).EnsureSuccessStatusCode();
        var fr = await SharedWith(id, "FR");
        Assert.Empty(fr.GetProperty("incidents").EnumerateArray());
        Assert.Equal("no sharing arrangement covers this traveller's records for FR: they are held by GB", fr.GetProperty("reason").GetString());
        var because = fr.GetProperty("emptyBecause");
        Assert.Equal("no sharing arrangement covers these records for FR: they are held by GB", because.GetProperty("incidents").GetString());
        Assert.Equal("the ledger holds none of this kind for this traveller", because.GetProperty("crossings").GetString());
        Assert.Equal("the ledger holds none of this kind for this traveller", because.GetProperty("visas").GetString());
    }

    [Fact]
    public async Task A_traveller_with_no_records_gets_a_view_that_says_there_are_none()
    {
        var id = await app.RegisterTravellerAsync("IN");
        var fr = await SharedWith(id, "FR");
        Assert.StartsWith("the ledger holds no record of the kinds shared", fr.GetProperty("reason").GetString());
        Assert.Equal(9, fr.GetProperty("emptyBecause").EnumerateObject().Count()); // visas, applications, refusals, travel authorisations and their refusals, crossings, permits, incidents, anomalies
    }

    [Fact]
    public async Task A_view_that_shows_something_has_no_reason_and_explains_only_its_empty_kinds()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{id}/incidents", new { incidentId = "GB-I", jurisdiction = "GB", date = "2025-02-01", category = "policeReport", source = "met police" })).EnsureSuccessStatusCode();
        var de = await SharedWith(id, "DE");
        Assert.Single(de.GetProperty("crossings").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, de.GetProperty("reason").ValueKind);
        var because = de.GetProperty("emptyBecause");
        Assert.False(because.TryGetProperty("crossings", out _));
        Assert.Equal("no sharing arrangement covers these records for DE: they are held by GB", because.GetProperty("incidents").GetString());
    }
}
