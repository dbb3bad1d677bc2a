using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Presence;

/// <summary>The presence routes on a real record: goals listed with citations, a Canadian permanent resident's answer, bad input.</summary>
public class PresenceRouteTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Goals_are_listed_with_their_parts_counting_convention_and_citation()
    {
        var goals = (await app.GetJsonAsync("/presence-goals")).GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(7, goals.Count);
        var uk = goals.Single(g => g.GetProperty("id").GetString() == "uk-naturalisation");
        Assert.Equal([450, 90], uk.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("limit").GetInt32()));
        Assert.Equal("present", uk.GetProperty("travelDays").GetString());
        Assert.Contains("Sch. 1", uk.GetProperty("citation").GetString());
    }

    [Fact]
    public async Task A_Canadian_permanent_residents_presence_is_counted_from_the_record()
    {
        var id = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "PR1", issuingState = "CA", type = "PR", entries = "multiple", validFrom = "2021-06-01", validUntil = "2026-05-31", durationDays = 1826, issuedOn = "2021-06-01",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "c1", "entry", "CA", "2021-06-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "c2", "exit", "CA", "2024-09-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "c3", "entry", "CA", "2024-12-01")).StatusCode);

        // 2021-06-01 .. 2025-05-31 (1,461 days) less 2 Sep .. 30 Nov 2024 (29 + 31 + 30 = 90): 1,371 days as a PR.
        var pr = await app.GetJsonAsync($"/travellers/{id}/presence?goal=ca-pr-residency&on=2025-06-01");
        Assert.Equal((true, "met"), (pr.GetProperty("met").GetBoolean(), pr.GetProperty("determination").GetString()));
        Assert.Equal(1371, pr.GetProperty("parts")[0].GetProperty("counted").GetInt32());
        var citizenship = await app.GetJsonAsync($"/travellers/{id}/presence?goal=ca-citizenship&on=2025-06-01");
        // The same 1,371 days as a PR count for citizenship (no days before PR in the five years): 1,371 >= 1,095, met on the day asked.
        Assert.Equal((true, 1371, "2025-06-01"), (citizenship.GetProperty("met").GetBoolean(), citizenship.GetProperty("parts")[0].GetProperty("counted").GetInt32(),
            citizenship.GetProperty("earliestDateMet").GetString()));

        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/presence?goal=nope"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/presence"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{Guid.NewGuid()}/presence?goal=ca-citizenship"), HttpStatusCode.NotFound);
    }
}
