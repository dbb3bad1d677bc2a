using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.StayRules;

public class RuleSetTests
{
    [Fact]
    public void The_shipped_rule_set_loads_with_schengen_and_another_regime()
    {
        var rules = RuleSet.Default;
        Assert.False(string.IsNullOrWhiteSpace(rules.Version));
        var schengen = rules.Get("schengen");
        Assert.Equal((180, 90), (schengen.WindowDays, schengen.LimitDays));
        Assert.Contains(rules.Regimes, r => r.Id != "schengen");
        Assert.All(schengen.Members, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        const string json = """
            { "version": "x", "regimes": [ { "id": "r", "name": "R", "windowDays": 180, "limitDays": 200,
              "ruleEffectiveFrom": "2013-13-01", "ruleSource": "s",
              "members": [ { "country": "XX", "from": "2000-01-01", "source": "s" },
                           { "country": "FR", "from": "2000-01-01", "to": "1999-01-01", "source": "s" } ],
              "exemptNationalities": [ "fr" ] } ] }
            """;
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "test.json"));
        Assert.Contains("regimes[0].limitDays", e.Message);
        Assert.Contains("regimes[0].ruleEffectiveFrom", e.Message);
        Assert.Contains("regimes[0].members[0].country 'XX'", e.Message);
        Assert.Contains("regimes[0].members[1].to is before from", e.Message);
        Assert.Contains("regimes[0].exemptNationalities[0]", e.Message);
    }

    [Fact]
    public void Unknown_fields_and_broken_json_are_refused()
    {
        Assert.Throws<RuleSetException>(() => RuleSet.Parse("""{ "version": "x", "regimez": [] }""", "t"));
        Assert.Throws<RuleSetException>(() => RuleSet.Parse("{", "t"));
    }

    [Fact]
    public void Overlapping_membership_periods_are_refused()
    {
        const string json = """
            { "version": "x", "regimes": [ { "id": "r", "name": "R", "windowDays": 180, "limitDays": 90,
              "ruleEffectiveFrom": "2013-10-18", "ruleSource": "s",
              "members": [ { "country": "FR", "from": "2000-01-01", "source": "s" },
                           { "country": "FR", "from": "2010-01-01", "source": "s" } ] } ] }
            """;
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "t"));
        Assert.Contains("membership periods of FR overlap", e.Message);
    }

    [Fact]
    public void Unknown_regime_names_the_known_ones()
    {
        var e = Assert.Throws<StayRuleException>(() => RuleSet.Default.Get("mars"));
        Assert.Contains("schengen", e.Message);
    }
}
