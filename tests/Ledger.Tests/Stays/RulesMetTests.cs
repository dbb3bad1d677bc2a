using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Stays;

/// <summary>Status lists the rules a traveller met (per-visit rules too); an officer's date on a Canadian entry sets the stay's end.</summary>
public class RulesMetTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static string[] Regimes(JsonElement status) =>
        status.GetProperty("regimes").EnumerateArray().Select(r => r.GetProperty("regime").GetString()!).ToArray();

    [Fact]
    public async Task A_stamped_canadian_entry_ends_on_the_officers_date_and_untouched_rules_are_left_out()
    {
        var id = await app.RegisterTravellerAsync("FR");
        (await app.PostAsync($"/travellers/{id}/crossings", new
        {
            crossingId = "in", direction = "entry", country = "CA", date = "2025-01-10", admittedUntil = "2025-02-01",
        })).EnsureSuccessStatusCode();

        var status = await app.GetJsonAsync($"/travellers/{id}/status?on=2025-02-02");
        Assert.Equal(["canada-visitor"], Regimes(status));
        var canada = status.GetProperty("regimes")[0];
        Assert.Equal(1, canada.GetProperty("overstayDays").GetInt32());
        Assert.Equal("2025-02-02", canada.GetProperty("violations")[0].GetProperty("from").GetString());

        var all = await app.GetJsonAsync($"/travellers/{id}/status?on=2025-02-02&regime=all");
        Assert.Contains("schengen", Regimes(all));
        Assert.Contains("us-vwp", Regimes(all));

        var crossings = await app.GetJsonAsync($"/travellers/{id}/crossings");
        Assert.Equal("2025-02-01", crossings.GetProperty("crossings")[0].GetProperty("admittedUntil").GetString());
    }

    [Fact]
    public async Task AdmittedUntil_on_an_exit_or_before_the_entry_is_400_and_records_nothing()
    {
        var id = await app.RegisterTravellerAsync("FR");
        var version = await app.StreamVersionAsync(id);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/crossings", new
        {
            crossingId = "out", direction = "exit", country = "CA", date = "2025-01-10", admittedUntil = "2025-02-01",
        }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/crossings", new
        {
            crossingId = "in", direction = "entry", country = "CA", date = "2025-01-10", admittedUntil = "2025-01-09",
        }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/status?regime=schengen"), HttpStatusCode.BadRequest);
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }
}
