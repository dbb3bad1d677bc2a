using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>The per-visit kinds at their edges: the last lawful day of a visit and the day after it.</summary>
public class VisitRuleTests
{
    private static readonly VisitRuleEngine Uk = new(RuleSet.Default.VisitRules.Single(r => r.Id == "uk-visitor"));
    private static readonly VisitRuleEngine Canada = new(RuleSet.Default.VisitRules.Single(r => r.Id == "canada-visitor"));
    private static readonly VisitRuleEngine Vwp = new(RuleSet.Default.VisitRules.Single(r => r.Id == "us-vwp"));

    private static TravelHistory Of(string nationality, params Stay[] stays) => new(stays, Nationalities: [nationality]);

    [Fact]
    public void A_uk_visit_of_six_months_is_lawful_to_its_last_day_and_unlawful_the_day_after()
    {
        var history = Of("US", In("GB", "2025-01-10", null));
        var lastDay = Uk.Check(history, D("2025-07-09"));
        Assert.Equal((D("2025-07-09"), 0, 0), (lastDay.StayUntil!.Value, lastDay.OverstayDays, lastDay.Violations.Count));
        var dayAfter = Uk.Check(history, D("2025-07-10"));
        Assert.Null(dayAfter.StayUntil);
        Assert.Equal(1, dayAfter.OverstayDays);
        Assert.Equal(new Violation(D("2025-07-10"), D("2025-07-10"), 1), Assert.Single(dayAfter.Violations));
    }

    [Fact]
    public void A_new_entry_starts_a_new_visit_even_on_the_exit_day()
    {
        var history = Of("US", In("GB", "2025-01-10", "2025-07-09"), In("GB", "2025-07-09", null));
        var check = Uk.Check(history, D("2025-08-01"));
        Assert.Equal(D("2026-01-08"), check.StayUntil);
        Assert.Empty(check.Violations);
    }

    [Fact]
    public void Nationals_and_exempt_states_are_not_counted()
    {
        Assert.True(Uk.Check(Of("GB", In("GB", "2020-01-01", null)), D("2025-01-01")).Exempt);
        Assert.True(Uk.Check(Of("IE", In("GB", "2020-01-01", null)), D("2025-01-01")).Exempt);
    }

    [Fact]
    public void A_canadian_officers_date_replaces_the_six_months()
    {
        var stamped = Of("FR", new Stay(D("2025-01-10"), null, "CA", AdmittedUntil: D("2025-02-01")));
        Assert.Equal(D("2025-02-01"), Canada.Check(stamped, D("2025-02-01")).StayUntil);
        Assert.Equal(1, Canada.Check(stamped, D("2025-02-02")).OverstayDays);
        var unstamped = Of("FR", In("CA", "2025-01-10", null));
        Assert.Equal(D("2025-07-09"), Canada.Check(unstamped, D("2025-02-02")).StayUntil);
    }

    [Fact]
    public void A_trip_to_canada_inside_a_vwp_stay_does_not_restart_the_90_days()
    {
        // Admitted 1 January: day 90 is 31 March. Canada 15 February to 1 March; back in the US from 1 March.
        var history = Of("FR", In("US", "2025-01-01", "2025-02-15"), In("CA", "2025-02-15", "2025-03-01"), In("US", "2025-03-01", null));
        var day90 = Vwp.Check(history, D("2025-03-31"));
        Assert.Equal((D("2025-01-01"), D("2025-03-31"), 90), (day90.WindowStart, day90.StayUntil!.Value, day90.DaysUsed));
        var day91 = Vwp.Check(history, D("2025-04-01"));
        Assert.Equal(1, day91.OverstayDays);
        Assert.Equal(D("2025-04-01"), Assert.Single(day91.Violations).From);
    }

    [Fact]
    public void A_trip_to_mexico_then_france_does_restart_it_and_so_does_a_return_after_the_admission_ended()
    {
        var viaFrance = Of("FR", In("US", "2025-01-01", "2025-02-15"), In("MX", "2025-02-15", "2025-02-20"),
            In("FR", "2025-02-20", "2025-03-01"), In("US", "2025-03-01", null));
        Assert.Equal(D("2025-05-29"), Vwp.Check(viaFrance, D("2025-04-01")).StayUntil);

        var late = Of("FR", In("US", "2025-01-01", "2025-03-20"), In("CA", "2025-03-20", "2025-04-05"), In("US", "2025-04-05", null));
        Assert.Equal(D("2025-07-03"), Vwp.Check(late, D("2025-04-10")).StayUntil);
    }

    [Fact]
    public void The_vwp_applies_only_to_nationals_of_program_countries()
    {
        Assert.True(Vwp.Check(Of("CN", In("US", "2025-01-01", null)), D("2025-05-01")).Exempt);
        Assert.True(Vwp.Check(Of("US", In("US", "2025-01-01", null)), D("2025-05-01")).Exempt);
        Assert.False(Vwp.Check(Of("JP", In("US", "2025-01-01", null)), D("2025-05-01")).Exempt);
    }

    [Fact]
    public void A_visit_rule_without_a_citation_or_limit_is_refused_with_its_path()
    {
        const string json = """
            { "version": "x", "records": { "missingEntryLookBackDays": 90, "lookBackSource": "s", "sameCrossingWithinDays": 2,
                "sameCrossingSource": "s", "sourcePrecedence": [ { "order": ["borderSystem","passportStamp","partnerFeed","selfReported"], "source": "s" } ] },
              "regimes": [ { "id": "v", "kind": "perVisitWithoutReset", "name": "V", "ruleEffectiveFrom": "2000-01-01", "ruleSource": " ",
                "members": [ { "country": "US", "from": "2000-01-01", "source": "s" } ], "appliesTo": ["JP"] },
                { "id": "w", "kind": "perDay", "name": "W" } ],
              "visaRequirements": [ { "area": "v", "name": "N", "from": "2000-01-01", "visaFree": [ { "country": "JP", "source": "" } ] } ] }
            """;
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "t.json"));
        Assert.Contains("regimes[0].ruleSource must cite the legal source", e.Message);
        Assert.Contains("regimes[0].limitDays exactly one of limitDays and limitMonths", e.Message);
        Assert.Contains("regimes[0].lastDaySource", e.Message);
        Assert.Contains("regimes[0].appliesToSource must cite", e.Message);
        Assert.Contains("regimes[0].noResetCountries at least one country", e.Message);
        Assert.Contains("regimes[0].noResetSource must cite", e.Message);
        Assert.Contains("regimes[1].kind 'perDay' is not a rule kind", e.Message);
        Assert.Contains("visaRequirements[0].source must cite", e.Message);
        Assert.Contains("visaRequirements[0].visaFree[0].source must cite", e.Message);
    }

    [Fact]
    public void Every_shipped_rule_and_list_carries_a_citation()
    {
        var rules = RuleSet.Default;
        Assert.All(rules.VisitRules, r => Assert.False(string.IsNullOrWhiteSpace(r.RuleSource)));
        Assert.All(rules.VisaRequirements, v => Assert.All(v.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Source))));
        Assert.Contains(rules.VisitRules, r => r.Kind == RuleKind.PerVisit);
        Assert.Contains(rules.VisitRules, r => r.Kind == RuleKind.PerVisitWithoutReset);
    }
}

/// <summary>Denmark's bilateral agreements as a Nordic sub-count beside Schengen.</summary>
public class NordicAgreementTests
{
    private static readonly RuleSet Rules = RuleSet.Default;
    private static readonly Regime Schengen = Rules.Get("schengen");
    private static readonly SubAreaAgreement Nordic = Rules.SubAreaAgreements.Single();

    [Fact]
    public void After_90_days_elsewhere_in_schengen_90_more_in_the_nordic_states_are_lawful_and_day_91_is_not()
    {
        // France 1 March to 29 May (90 days), Denmark from 30 May.
        var history = new TravelHistory([In("FR", "2025-03-01", "2025-05-29"), In("DK", "2025-05-30", null)], Nationalities: ["US"]);
        var (forSchengen, under) = Nordic.Split(Schengen, history, D("2025-12-31"));
        var schengen = new StayRuleEngine(Schengen).Check(forSchengen, D("2025-08-27"));
        Assert.Equal(0, schengen.OverstayDays);
        Assert.Empty(schengen.Violations);
        var counter = new StayRuleEngine(Nordic.Counter(Schengen));
        var day90 = counter.Check(under, D("2025-08-27"));
        Assert.Equal((90, 0), (day90.DaysUsed, day90.OverstayDays));
        var day91 = counter.Check(under, D("2025-08-28"));
        Assert.Equal(1, day91.OverstayDays);
        Assert.Equal(D("2025-08-28"), Assert.Single(day91.Violations).From);
        // The whole history as the ledger counts it (Traveller.Records applies the agreement the same way).
        Assert.Empty(new StayRuleEngine(Schengen).Check(Rules.WithAgreements(history), D("2025-08-27")).Violations);
    }

    [Fact]
    public void Nordic_days_inside_the_first_90_and_other_nationalities_get_no_second_count()
    {
        var early = new TravelHistory([In("SE", "2025-02-20", "2025-03-01"), In("FR", "2025-03-02", "2025-05-21"), In("DK", "2025-05-22", "2025-06-10")], Nationalities: ["US"]);
        Assert.Empty(Nordic.Split(Schengen, early, D("2025-12-31")).UnderAgreement.Stays);
        Assert.NotEmpty(new StayRuleEngine(Schengen).Check(Rules.WithAgreements(early), D("2025-06-10")).Violations);

        var other = new TravelHistory([In("FR", "2025-03-01", "2025-05-29"), In("DK", "2025-05-30", "2025-06-10")], Nationalities: ["MX"]);
        Assert.Empty(Nordic.Split(Schengen, other, D("2025-12-31")).UnderAgreement.Stays);
    }
}
