using System.Text.Json;
using Ledger.Demo;

namespace Ledger.Tests.Demo;

/// <summary>
/// The cases of docs/examples.md, recorded through the API by the demo's own code (<see cref="DemoLoader"/>), and what
/// each requesting state sees of them in the shared-records view (sharing.json): the Five Eyes members, and Schengen
/// states, which share visa and entry/exit records among themselves only.
/// </summary>
public class FiveEyesCasesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly string[] OtherFiveEyes = ["US", "GB", "CA", "AU", "NZ"];

    /// <summary>What one state sees of a traveller: record ids by kind, and each incident's outcomes in order.</summary>
    private sealed record Seen(
        List<string> Visas, List<string> Applications, List<string> Refusals, List<string> Crossings,
        Dictionary<string, List<string>> IncidentOutcomes, Dictionary<string, string> SharedUnder, JsonElement Raw)
    {
        public List<string> Incidents => IncidentOutcomes.Keys.ToList();
        public bool IsEmpty => Visas.Count + Applications.Count + Refusals.Count + Crossings.Count + IncidentOutcomes.Count == 0;
    }

    private async Task<Seen> SeenByAsync(string person, string state)
    {
        var view = await app.GetJsonAsync($"/travellers/{app.Id(person)}/shared-records?requester={state}");
        List<string> Ids(string list, string field) =>
            view.GetProperty(list).EnumerateArray().Select(x => x.GetProperty("record").GetProperty(field).GetString()!).ToList();
        var under = new Dictionary<string, string>();
        foreach (var (list, field) in new[] { ("visas", "visaId"), ("visaRefusals", "applicationId"), ("crossings", "crossingId"), ("incidents", "incidentId") })
            foreach (var x in view.GetProperty(list).EnumerateArray())
                under[x.GetProperty("record").GetProperty(field).GetString()!] = x.GetProperty("sharedUnder").GetString()!;
        var incidents = view.GetProperty("incidents").EnumerateArray().ToDictionary(
            i => i.GetProperty("record").GetProperty("incidentId").GetString()!,
            i => i.GetProperty("record").GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("outcome").GetString()!).ToList());
        return new Seen(Ids("visas", "visaId"), Ids("visaApplications", "applicationId"), Ids("visaRefusals", "applicationId"),
            Ids("crossings", "crossingId"), incidents, under, view);
    }

    private async Task AssertSchengenSeesNothingAsync(string person)
    {
        foreach (var state in new[] { "FR", "DE" })
            Assert.True((await SeenByAsync(person, state)).IsEmpty, $"{state} should see none of {person}'s Five Eyes records");
    }

    [Fact]
    public async Task A_the_us_sees_the_new_zealand_impoundment_and_new_zealand_sees_the_three_us_refusals()
    {
        const string person = "demo-a-sione-havili";
        var us = await SeenByAsync(person, "US");
        Assert.Equal(["impoundment"], us.IncidentOutcomes["a-nz-traffic"]);
        Assert.Equal("five-eyes", us.SharedUnder["a-nz-traffic"]);
        Assert.Equal(["a-nz-visitor"], us.Visas);
        Assert.Equal(["a-nz-in", "a-nz-out"], us.Crossings);
        Assert.Equal("own", us.SharedUnder["a-us-2023"]);

        var nz = await SeenByAsync(person, "NZ");
        Assert.Equal(["a-us-2023", "a-us-2024", "a-us-2025"], nz.Refusals);
        Assert.All(nz.Refusals, r => Assert.Equal("five-eyes", nz.SharedUnder[r]));
        Assert.Equal(["a-us-2023", "a-us-2024", "a-us-2025"], nz.Applications.Where(a => a.StartsWith("a-us")).ToList());

        foreach (var state in new[] { "GB", "CA", "AU" })
        {
            var seen = await SeenByAsync(person, state);
            Assert.Equal(["a-nz-traffic"], seen.Incidents);
            Assert.Equal(3, seen.Refusals.Count);
        }
        await AssertSchengenSeesNothingAsync(person);

        // A caseworker finds him again by his passport (docs/examples.md says so).
        var found = JsonDocument.Parse(await (await app.PostAsync("/travellers/search", new { document = "DEMOA0001", issuingCountry = "TO" })).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(app.Id(person), Assert.Single(found.GetProperty("travellers").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task B_the_us_sees_the_canadian_refusal_and_canada_sees_the_us_visa_and_its_use()
    {
        const string person = "demo-b-camila-rocha";
        var us = await SeenByAsync(person, "US");
        Assert.Equal(["b-ca-2024"], us.Refusals);
        Assert.Contains("b-ca-2024", us.Applications);
        Assert.Equal("five-eyes", us.SharedUnder["b-ca-2024"]);

        var ca = await SeenByAsync(person, "CA");
        Assert.Equal(["b-us-b1b2"], ca.Visas);
        Assert.Equal(["b-us-in", "b-us-out"], ca.Crossings);
        Assert.Equal("five-eyes", ca.SharedUnder["b-us-b1b2"]);
        var visa = ca.Raw.GetProperty("visas")[0].GetProperty("record");
        Assert.Equal("B1/B2", visa.GetProperty("type").GetString());

        foreach (var state in new[] { "GB", "AU", "NZ" })
        {
            var seen = await SeenByAsync(person, state);
            Assert.Equal(["b-ca-2024"], seen.Refusals);
            Assert.Equal(["b-us-b1b2"], seen.Visas);
        }
        await AssertSchengenSeesNothingAsync(person);
    }

    [Fact]
    public async Task C_a_complainants_landlord_dispute_is_seen_by_no_state_but_great_britain()
    {
        const string person = "demo-c-arjun-mehta";
        var gb = await SeenByAsync(person, "GB");
        Assert.Equal(["c-gb-landlord"], gb.Incidents);
        Assert.Equal("own", gb.SharedUnder["c-gb-landlord"]);

        foreach (var state in OtherFiveEyes.Where(s => s != "GB"))
        {
            var seen = await SeenByAsync(person, state);
            Assert.Empty(seen.Incidents);
            // The visa and the crossings of the same holder are shared: only the complainant's incident stays at home.
            Assert.Equal(["c-gb-student"], seen.Visas);
            Assert.Equal(["c-gb-in", "c-gb-out"], seen.Crossings);
        }
        await AssertSchengenSeesNothingAsync(person);

        // The traveller's own record shows it, and not as adverse.
        var own = Assert.Single((await app.GetJsonAsync($"/travellers/{app.Id(person)}/incidents")).EnumerateArray());
        Assert.Equal("complainant", own.GetProperty("role").GetString());
        Assert.False(own.GetProperty("adverse").GetBoolean());

        // He lived in London on a student visa: the visitor rule counts none of those days, in status as in incidents.
        var status = await app.GetJsonAsync($"/travellers/{app.Id(person)}/status?regime=all&on=2025-12-31");
        var visitor = status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "uk-visitor");
        Assert.Empty(visitor.GetProperty("violations").EnumerateArray());
        Assert.Equal(0, visitor.GetProperty("overstayDays").GetInt32());
    }

    [Fact]
    public async Task D_the_pending_australian_residence_application_and_the_us_secondary_inspection_travel_as_sharing_says()
    {
        const string person = "demo-d-maria-santos";
        var us = await SeenByAsync(person, "US");
        var pr = us.Raw.GetProperty("visaApplications").EnumerateArray().Select(a => a.GetProperty("record"))
            .Single(a => a.GetProperty("applicationId").GetString() == "d-au-pr");
        Assert.Equal("pending", pr.GetProperty("outcome").GetString());
        Assert.Equal("PR", pr.GetProperty("type").GetString());
        Assert.Equal(["d-au-482"], us.Visas.Where(v => v.StartsWith("d-au")).ToList());
        Assert.Contains("d-au-in-2023", us.Crossings);
        Assert.Equal("own", us.SharedUnder["d-us-secondary"]);

        var au = await SeenByAsync(person, "AU");
        Assert.Equal(["noFurtherAction"], au.IncidentOutcomes["d-us-secondary"]);
        Assert.Equal("five-eyes", au.SharedUnder["d-us-secondary"]);
        Assert.Contains("d-us-b1b2", au.Visas);
        Assert.Contains("d-us-in", au.Crossings);

        foreach (var state in new[] { "GB", "CA", "NZ" })
        {
            var seen = await SeenByAsync(person, state);
            Assert.Equal(["d-us-secondary"], seen.Incidents);
            Assert.Contains("d-au-pr", seen.Applications);
        }
        await AssertSchengenSeesNothingAsync(person);
    }

    [Fact]
    public async Task E_two_tourists_arrested_together_are_linked_and_each_shared_incident_carries_its_own_outcomes()
    {
        var (vikram, aditya) = (app.Id("demo-e1-vikram-nair"), app.Id("demo-e2-aditya-rao"));
        var links = Assert.Single((await app.GetJsonAsync($"/travellers/{vikram}/incidents/links")).EnumerateArray());
        Assert.Equal("e2-au-arrest", links.GetProperty("incidentId").GetString());
        Assert.Equal(aditya, links.GetProperty("recordedFor").GetProperty("travellerId").GetGuid());
        var involved = Assert.Single((await app.GetJsonAsync($"/travellers/{vikram}/incidents"))[0].GetProperty("involved").EnumerateArray());
        Assert.Equal(aditya, involved.GetProperty("travellerId").GetGuid());

        foreach (var state in OtherFiveEyes.Where(s => s != "AU"))
        {
            var first = await SeenByAsync("demo-e1-vikram-nair", state);
            var second = await SeenByAsync("demo-e2-aditya-rao", state);
            Assert.Equal(["charged", "convicted"], first.IncidentOutcomes["e1-au-arrest"]);
            Assert.Equal(["charged", "acquitted"], second.IncidentOutcomes["e2-au-arrest"]);
            // Another state sees each arrest, never whom it names.
            Assert.Empty(first.Raw.GetProperty("incidents")[0].GetProperty("record").GetProperty("involved").EnumerateArray());
        }
        var au = await SeenByAsync("demo-e1-vikram-nair", "AU");
        Assert.Equal(aditya, au.Raw.GetProperty("incidents")[0].GetProperty("record").GetProperty("involved")[0].GetGuid());
        await AssertSchengenSeesNothingAsync("demo-e1-vikram-nair");
        await AssertSchengenSeesNothingAsync("demo-e2-aditya-rao");
    }

    [Fact]
    public async Task F_the_us_citizens_european_trip_is_shared_by_area_and_leaves_twelve_days_for_spain()
    {
        const string person = "demo-f-emily-carter";
        // Schengen states see the Schengen entry and exit records (France, Italy, Croatia), not London, Istanbul or New York.
        foreach (var state in new[] { "FR", "ES" })
            Assert.Equal(["f-fr-in", "f-fr-out", "f-it-in", "f-hr-out"], (await SeenByAsync(person, state)).Crossings);
        // The US sees London (Britain's records of a foreigner) and its own record of its citizen coming home.
        var us = await SeenByAsync(person, "US");
        Assert.Equal(["f-gb-in", "f-gb-out", "f-us-in"], us.Crossings);
        Assert.Equal("own", us.SharedUnder["f-us-in"]);
        // The other Five Eyes see London only: the US shares nothing about its own citizens.
        foreach (var state in new[] { "GB", "CA", "AU", "NZ" })
            Assert.Equal(["f-gb-in", "f-gb-out"], (await SeenByAsync(person, state)).Crossings);

        var id = app.Id(person);
        Assert.Equal(78, await app.SchengenDaysUsedAsync(id, "2025-06-01"));
        var plan = await app.GetJsonAsync($"/travellers/{id}/plan?enter=2025-07-01");
        Assert.Equal(12, plan.GetProperty("maxStayDays").GetInt32());
        Assert.Equal("2025-07-12", plan.GetProperty("lastDay").GetString());
        var earliest = await app.GetJsonAsync($"/travellers/{id}/earliest?days=30&from=2025-07-01");
        Assert.Equal("2025-08-16", earliest.GetProperty("earliestEntry").GetString());
        Assert.Equal(15, (await app.GetJsonAsync($"/travellers/{id}/status?on=2025-06-15")).GetProperty("regimes").EnumerateArray()
            .Single(r => r.GetProperty("regime").GetString() == "turkey").GetProperty("daysUsed").GetInt32());
    }

    [Fact]
    public async Task Crossings_sent_as_one_batch_per_person_raise_no_overstay_and_no_warning()
    {
        // Each history is complete and lawful; sent one crossing at a time, every entry would first stand as a stay open
        // until today (an overstay incident and a warning, expunged and withdrawn when the exit arrived).
        foreach (var id in app.FirstRun.Travellers.Values)
        {
            var types = (await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.DoesNotContain("warning_issued", types);
            Assert.DoesNotContain("incident_expunged", types);
            Assert.DoesNotContain((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray(),
                i => i.GetProperty("category").GetString() == "overstay");
        }
    }

    [Fact]
    public async Task Running_the_demo_again_records_nothing_new_and_finds_the_same_travellers()
    {
        var versions = new Dictionary<Guid, long>();
        foreach (var id in app.FirstRun.Travellers.Values) versions[id] = await app.StreamVersionAsync(id);
        // The first run, on an empty ledger, recorded every fact (registrations, each crossing of a batch, each other write).
        Assert.Equal(0, app.FirstRun.AlreadyPresent);
        Assert.True(app.FirstRun.Recorded >= DemoCases.People.Count + DemoCases.Writes.Count);

        using var client = app.DemoClient();
        var again = await DemoLoader.LoadAsync(client);

        Assert.Equal(0, again.Recorded);
        Assert.Equal(app.FirstRun.Recorded, again.AlreadyPresent);
        Assert.Equal(app.FirstRun.Travellers, again.Travellers);
        foreach (var (id, version) in versions) Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task G_the_canadian_permanent_residents_presence_answers_are_those_of_docs_examples()
    {
        var id = app.Id("demo-g-grace-okafor");
        // 2024-03-01 .. 2026-01-14 less 2 Jul .. 14 Aug 2025 (44 days): 641 days as a PR; of the five years' 1,116 days
        // before PR (all on her study permit) half count, up to 365: 1,006, 89 short; staying, she meets 1,095 on 2026-04-14.
        var citizenship = await app.GetJsonAsync($"/travellers/{id}/presence?goal=ca-citizenship&on=2026-01-15");
        var part = citizenship.GetProperty("parts")[0];
        Assert.Equal((1006, 365, 89, false, "2026-04-14"), (part.GetProperty("counted").GetInt32(), part.GetProperty("halfCreditDays").GetInt32(),
            part.GetProperty("shortfall").GetInt32(), citizenship.GetProperty("met").GetBoolean(), citizenship.GetProperty("earliestDateMet").GetString()));
        // A PR of less than five years: 641 days so far, 1,141 still possible by 2029-02-28: the obligation is met.
        var obligation = await app.GetJsonAsync($"/travellers/{id}/presence?goal=ca-pr-residency&on=2026-01-15");
        var days = obligation.GetProperty("parts")[0];
        Assert.Equal((true, 641, 1141, "2029-02-28"), (obligation.GetProperty("met").GetBoolean(), days.GetProperty("counted").GetInt32(),
            days.GetProperty("daysStillPossible").GetInt32(), days.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task D_the_pending_australian_applicant_meets_the_absence_parts_but_holds_no_permanent_visa()
    {
        var answer = await app.GetJsonAsync($"/travellers/{app.Id("demo-d-maria-santos")}/presence?goal=au-citizenship&on=2026-06-01");
        // Absent 1 Jun 2022 .. 28 Feb 2023 (273 days, before she arrived) and 10-25 March 2026 (16): 289 in four years, 16 in the last.
        Assert.Equal([289, 16], answer.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("counted").GetInt32()));
        Assert.Equal((false, false, JsonValueKind.Null), (answer.GetProperty("permission").GetProperty("held").GetBoolean(),
            answer.GetProperty("met").GetBoolean(), answer.GetProperty("earliestDateMet").ValueKind));
    }
}
