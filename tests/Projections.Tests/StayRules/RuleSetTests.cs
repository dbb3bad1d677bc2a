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
    public void A_visit_rule_is_held_to_the_same_membership_checks_as_a_rolling_rule()
    {
        const string json = """
            { "version": "x", "records": { "missingEntryLookBackDays": 90, "lookBackSource": "s", "sameCrossingWithinDays": 2,
                "sameCrossingSource": "s", "sourcePrecedence": [ { "order": ["borderSystem","passportStamp","partnerFeed","selfReported"], "source": "s" } ] },
              "regimes": [ { "id": "v", "kind": "perVisit", "name": "V", "limitDays": 90, "ruleEffectiveFrom": "2000-01-01", "ruleSource": "s",
                "lastDaySource": "s", "members": [ { "country": "GB", "from": "2000-01-01", "source": "s" },
                                                   { "country": "GB", "from": "2010-01-01", "source": "s" },
                                                   { "country": "IE", "from": "2000-01-01", "to": "1999-12-31", "source": "s" } ] } ] }
            """;
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "t.json"));
        Assert.Contains("regimes[0].members[2].to is before from", e.Message);
        Assert.Contains("regimes[0].members membership periods of GB overlap", e.Message);
    }

    [Fact]
    public void Unknown_regime_names_the_known_ones()
    {
        var e = Assert.Throws<StayRuleException>(() => RuleSet.Default.Get("mars"));
        Assert.Contains("schengen", e.Message);
    }

    [Fact]
    public void The_shipped_record_rules_cite_a_source_for_every_presumption_and_cover_every_day()
    {
        foreach (var records in RuleSet.Default.Regimes.Select(r => r.Records).Append(RuleSet.Default.Records))
        {
            Assert.False(string.IsNullOrWhiteSpace(records.LookBackSource));
            Assert.False(string.IsNullOrWhiteSpace(records.SameCrossingSource));
            Assert.All(records.Precedence, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
            Assert.Null(records.Precedence[0].From);
            Assert.Null(records.Precedence[^1].To);
        }
        var schengen = RuleSet.Default.Get("schengen").Records;
        Assert.Contains("2017/2226 Art. 22", schengen.PrecedenceOn(new DateOnly(2026, 1, 1)).Source);
        Assert.Equal(Ledger.Projections.Crossings.CrossingSource.PassportStamp, schengen.PrecedenceOn(new DateOnly(2026, 4, 9)).Order[0]);
        Assert.Equal(Ledger.Projections.Crossings.CrossingSource.BorderSystem, schengen.PrecedenceOn(new DateOnly(2026, 4, 10)).Order[0]);
    }

    [Fact]
    public void Record_rule_problems_are_reported_with_their_path()
    {
        const string json = """
            { "version": "x",
              "records": { "missingEntryLookBackDays": 0, "lookBackSource": "s", "sameCrossingWithinDays": 2, "sameCrossingSource": "",
                "sourcePrecedence": [
                  { "to": "2026-04-09", "order": [ "passportStamp", "borderSystem", "partnerFeed" ], "source": "s" },
                  { "from": "2026-04-11", "order": [ "borderSystem", "passportStamp", "partnerFeed", "carrierPigeon" ], "source": "" } ] },
              "regimes": [ { "id": "r", "name": "R", "windowDays": 180, "limitDays": 90, "ruleEffectiveFrom": "2013-10-18", "ruleSource": "s",
                "members": [ { "country": "FR", "from": "2000-01-01", "source": "s" } ] } ] }
            """;
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "t"));
        Assert.Contains("records.missingEntryLookBackDays", e.Message);
        Assert.Contains("records.sameCrossingSource must cite", e.Message);
        Assert.Contains("records.sourcePrecedence[0].order must list every crossing source exactly once", e.Message);
        Assert.Contains("records.sourcePrecedence[1].order[3] 'carrierPigeon'", e.Message);
        Assert.Contains("records.sourcePrecedence[1].from must be the day after", e.Message);
        Assert.Contains("records.sourcePrecedence[1].source must cite", e.Message);
        Assert.Contains("records is required", Assert.Throws<RuleSetException>(() => RuleSet.Parse("""
            { "version": "x", "regimes": [ { "id": "r", "name": "R", "windowDays": 180, "limitDays": 90, "ruleEffectiveFrom": "2013-10-18",
              "ruleSource": "s", "members": [ { "country": "FR", "from": "2000-01-01", "source": "s" } ] } ] }
            """, "t")).Message);
    }
}
