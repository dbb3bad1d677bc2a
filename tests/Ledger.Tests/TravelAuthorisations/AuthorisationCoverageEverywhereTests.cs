using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Stays.CommandLine;
using Ledger.Tests.Support;

namespace Ledger.Tests.TravelAuthorisations;

/// <summary>
/// The coverage rule of the stored-record itinerary check holds on every other route that answers a trip: the inline
/// check (authorisations sent with the request; none sent, none held), stored plans (the traveller's own) and the
/// command line (<c>--authorisation</c>).
/// </summary>
public class AuthorisationCoverageEverywhereTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static IEnumerable<string?> Lacking(JsonElement leg) => leg.GetProperty("lacking").EnumerateArray().Select(l => l.GetString());

    private async Task<JsonElement> InlineLegAsync(object body)
    {
        var response = await app.PostAsync("/itineraries/check", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("legs")[0];
    }

    [Fact]
    public async Task The_inline_check_lacks_an_ESTA_none_is_sent_and_is_covered_by_one_sent()
    {
        var legs = new object[] { new { country = "US", from = "2026-03-01", to = "2026-03-10" } };
        var without = await InlineLegAsync(new { nationality = "GB", legs });
        Assert.False(without.GetProperty("lawful").GetBoolean());
        Assert.Equal("2026-03-01", without.GetProperty("firstUnlawfulDay").GetString());
        Assert.Contains("travelAuthorisation:us-esta", Lacking(without));

        var with = await InlineLegAsync(new { nationality = "GB", legs, authorisations = new[] { new { authorisationId = "E1", scheme = "us-esta", granted = "2025-06-01" } } });
        Assert.Equal((true, "E1"), (with.GetProperty("lawful").GetBoolean(), with.GetProperty("coveredBy").GetString()));
        Assert.Empty(Lacking(with));

        // Expired by the passport before the trip: lacking again.
        var expired = await InlineLegAsync(new
        {
            nationality = "GB", legs,
            authorisations = new[] { new { authorisationId = "E1", scheme = "us-esta", granted = "2025-06-01", documentExpires = "2026-02-01" } },
        });
        Assert.Contains("travelAuthorisation:us-esta", Lacking(expired));
    }

    [Fact]
    public async Task The_inline_check_needs_an_eTA_by_air_but_not_by_land_and_refuses_an_unknown_scheme()
    {
        var byAir = await InlineLegAsync(new { nationality = "FR", legs = new object[] { new { country = "CA", from = "2026-03-01", to = "2026-03-10" } } });
        Assert.Contains("travelAuthorisation:ca-eta", Lacking(byAir));
        var byLand = await InlineLegAsync(new { nationality = "FR", legs = new object[] { new { country = "CA", from = "2026-03-01", to = "2026-03-10", by = "land" } } });
        Assert.True(byLand.GetProperty("lawful").GetBoolean());
        // A US citizen never needs one.
        Assert.True((await InlineLegAsync(new { nationality = "US", legs = new object[] { new { country = "CA", from = "2026-03-01", to = "2026-03-10" } } }))
            .GetProperty("lawful").GetBoolean());

        var bad = await Problem.AssertAsync(await app.PostAsync("/itineraries/check", new
        {
            nationality = "FR", legs = new object[] { new { country = "CA", from = "2026-03-01", to = "2026-03-10" } },
            authorisations = new[] { new { authorisationId = "X", scheme = "no-such", granted = "2026-01-01", validUntil = "2025-01-01" } },
        }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("authorisations[0].scheme", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("authorisations[0].validUntil", out _));
    }

    [Fact]
    public async Task A_stored_plan_lacks_an_ESTA_until_the_traveller_holds_one_and_a_plan_by_land_into_Canada_needs_no_eTA()
    {
        var id = await app.RegisterTravellerAsync("GB");
        var from = app.DaysAgo(-20);
        var to = app.DaysAgo(-30);
        var recorded = await app.PostAsync($"/travellers/{id}/plans", new { planId = "ny", legs = new[] { new { country = "US", from, to } } });
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var plan = (await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans")[0];
        Assert.False(plan.GetProperty("lawful").GetBoolean());
        Assert.Contains("travelAuthorisation:us-esta", Lacking(plan.GetProperty("check").GetProperty("legs")[0]));

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "E1", scheme = "us-esta", documentNumber = "123456789", documentIssuingCountry = "GB", granted = app.DaysAgo(10),
        })).StatusCode);
        plan = (await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans")[0];
        Assert.True(plan.GetProperty("lawful").GetBoolean());
        Assert.Equal("E1", plan.GetProperty("check").GetProperty("legs")[0].GetProperty("coveredBy").GetString());

        // Revoking the ESTA is a write that re-checks the plan: it is no longer lawful, and says so once.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations", new { date = app.DaysAgo(0) })).StatusCode);
        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<Ledger.Projections.Warnings.WarningIssued>());
        Assert.Equal(("US", Ledger.Projections.Plans.PlanRules.PlanNoLongerLawful), (warning.Facts.StayEntryCountry, warning.Threshold));
        Assert.False((await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans")[0].GetProperty("lawful").GetBoolean());

        var french = await app.RegisterTravellerAsync("FR");
        var driving = await app.PostAsync($"/travellers/{french}/plans", new { planId = "drive", legs = new[] { new { country = "CA", from, to, by = "land" } } });
        Assert.True(driving.StatusCode == HttpStatusCode.Created, await driving.Content.ReadAsStringAsync());
        var drive = (await app.GetJsonAsync($"/travellers/{french}/plans")).GetProperty("plans")[0];
        Assert.True(drive.GetProperty("lawful").GetBoolean());
        Assert.Equal("land", drive.GetProperty("legs")[0].GetProperty("by").GetString());
    }

    [Fact]
    public void The_command_line_lacks_an_eTA_by_air_unless_one_is_given_and_takes_the_mode_from_a_by_column()
    {
        var dir = Directory.CreateTempSubdirectory("stays-itinerary-eta");
        try
        {
            var legs = Path.Combine(dir.FullName, "legs.csv");
            var history = Path.Combine(dir.FullName, "history.csv");
            File.WriteAllText(legs, "country,from,to\nCA,2026-03-01,2026-03-10\n");
            File.WriteAllText(history, "entry,exit,country\n");
            JsonElement Leg(params string[] args)
            {
                var output = new StringWriter();
                var error = new StringWriter();
                Assert.Equal(0, StaysCommand.Run(["itinerary", "--nationality", "FR", "--json", .. args, legs, history], new StringReader(""), output, error));
                return JsonDocument.Parse(output.ToString()).RootElement.GetProperty("legs")[0];
            }
            Assert.Contains("travelAuthorisation:ca-eta", Lacking(Leg()));
            Assert.Equal("eta1", Leg("--authorisation", "eta1:ca-eta:2025-01-10").GetProperty("coveredBy").GetString());
            Assert.Contains("travelAuthorisation:ca-eta", Lacking(Leg("--authorisation", "eta1:ca-eta:2025-01-10:2026-02-28")));

            File.WriteAllText(legs, "country,from,to,by\nCA,2026-03-01,2026-03-10,land\n");
            Assert.True(Leg().GetProperty("lawful").GetBoolean());

            var bad = new StringWriter();
            Assert.Equal(2, StaysCommand.Run(["itinerary", "--nationality", "FR", "--authorisation", "x:no-such:2025-01-01", legs, history], new StringReader(""), new StringWriter(), bad));
            Assert.Contains("not a travel authorisation scheme", bad.ToString());
        }
        finally { dir.Delete(recursive: true); }
    }
}
