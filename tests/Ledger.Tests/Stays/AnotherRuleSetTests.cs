using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Projections.StayRules;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Stays;

/// <summary>
/// A host given a rule set of its own (registered before the host is built) answers by that rule set, not by the
/// shipped one: a made-up "pact" of France and Germany allowing 30 days in any 60.
/// </summary>
public sealed class PactApp : LedgerApp
{
    public static readonly RuleSet Pact = RuleSet.Parse("""
        { "version": "test-pact", "records": { "missingEntryLookBackDays": 30, "lookBackSource": "s", "sameCrossingWithinDays": 2,
            "sameCrossingSource": "s", "sourcePrecedence": [ { "order": ["borderSystem","passportStamp","partnerFeed","selfReported"], "source": "s" } ] },
          "regimes": [ { "id": "pact", "name": "Test pact short stay", "windowDays": 60, "limitDays": 30,
            "ruleEffectiveFrom": "2000-01-01", "ruleSource": "test rule",
            "members": [ { "country": "FR", "from": "2000-01-01", "source": "s" }, { "country": "DE", "from": "2000-01-01", "source": "s" } ] } ] }
        """, "pact.json");

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton(Pact);
}

public class AnotherRuleSetTests(PactApp app) : IClassFixture<PactApp>
{
    [Fact]
    public async Task Status_counts_by_the_registered_rule_set()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(20))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "DE", app.DaysAgo(11))).EnsureSuccessStatusCode();

        var regimes = (await app.GetJsonAsync($"/travellers/{id}/status")).GetProperty("regimes").EnumerateArray().ToList();
        var pact = Assert.Single(regimes);
        Assert.Equal("pact", pact.GetProperty("regime").GetString());
        Assert.Equal(10, pact.GetProperty("daysUsed").GetInt32()); // both crossing days count: 20 days ago to 11 days ago
        Assert.Equal(20, pact.GetProperty("daysRemaining").GetInt32());
    }

    [Fact]
    public async Task Evidence_of_absence_names_the_registered_rule_sets_areas()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in-2", "entry", "FR", app.DaysAgo(10))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in-1", "entry", "FR", app.DaysAgo(40))).EnsureSuccessStatusCode();
        object AbsentFrom(string area) => new
        {
            evidenceId = "ab-" + area, kind = "residenceRecord", absentFrom = area, first = app.DaysAgo(39), last = app.DaysAgo(11), source = "employer letter",
        };

        var refused = await Problem.AssertAsync(await app.Http.PostAsJsonAsync($"/travellers/{id}/evidence", AbsentFrom("schengen")), HttpStatusCode.BadRequest);
        Assert.Contains("neither a regime (pact)", refused.GetRawText());

        using var german = app.ClientAs([Role.Caseworker], ["DE"]); // a member of the pact may speak for its area
        Assert.Equal(HttpStatusCode.Created, (await german.PostAsJsonAsync($"/travellers/{id}/evidence", AbsentFrom("pact"))).StatusCode);
        using var british = app.ClientAs([Role.Caseworker], ["GB"]);
        await Problem.AssertAsync(await british.PostAsJsonAsync($"/travellers/{id}/evidence/ab-pact/void", new { reason = "mistake" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Pages_name_the_registered_rules()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(5))).EnsureSuccessStatusCode();
        var page = await app.Http.GetStringAsync($"/app/travellers/{id}/compliance?from={app.DaysAgo(30)}&to={app.DaysAgo(0)}&regime=pact");
        Assert.Contains("Rule <strong>Test pact short stay</strong>", page); // the report names its rule by the registered name
        Assert.DoesNotContain("Schengen area short stay", page);
    }
}
