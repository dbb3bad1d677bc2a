using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>
/// The UK, Canadian and Australian visa lists and Australia's 3-months-per-visit rule: who needs a visa where, read
/// the way the itinerary check reads every list, and the rule at its edges (day N and N+1 of a visit).
/// </summary>
public class VisaListTests
{
    private static readonly RuleSet Rules = RuleSet.Default;
    private static readonly VisitRuleEngine Australia = new(Rules.VisitRules.Single(r => r.Id == "australia-visitor"));

    private static Leg L(string country, string from, string to) => new(country, D(from), D(to));

    private static LegResult Leg(string nationality, Leg leg, params Visa[] visas) =>
        ItineraryCheck.Run(Rules, new TravelHistory([], Nationalities: [nationality]), visas, [leg]).Legs[0];

    private static LegResult Leg(string[] nationalities, Leg leg) =>
        ItineraryCheck.Run(Rules, new TravelHistory([], Nationalities: nationalities), [], [leg]).Legs[0];

    private static Visa VisitVisa(string state, string type, string from, string until) =>
        new("v1", null, state, type, VisaEntries.Multiple, D(from), D(until), 180, D(from), VisaStatus.Valid, null, null);

    [Fact]
    public void A_uk_visa_national_needs_a_visa_and_a_non_visa_national_does_not()
    {
        var indian = Leg("IN", L("GB", "2025-03-01", "2025-03-20"));
        Assert.Equal(["uk-visitor"], indian.Rules);
        Assert.False(indian.Lawful);
        Assert.Equal(["visa"], indian.Lacking);
        Assert.True(Leg("BR", L("GB", "2025-03-01", "2025-03-20")).Lawful);
        Assert.True(Leg("US", L("GB", "2025-03-01", "2025-03-20")).Lawful);
        Assert.True(Leg("GB", L("GB", "2025-03-01", "2025-03-20")).Lawful);
    }

    [Fact]
    public void A_second_nationality_off_the_uk_visa_national_list_is_enough()
    {
        Assert.True(Leg(["IN", "IE"], L("GB", "2025-03-01", "2025-03-20")).Lawful);
        Assert.True(Leg(["CN", "FR"], L("GB", "2025-03-01", "2025-03-20")).Lawful);
        Assert.False(Leg(["CN", "IN"], L("GB", "2025-03-01", "2025-03-20")).Lawful);
    }

    [Fact]
    public void Colombia_joins_the_uk_visa_national_list_on_its_date()
    {
        Assert.True(Leg("CO", L("GB", "2024-11-25", "2024-11-25")).Lawful);
        Assert.Equal(["visa"], Leg("CO", L("GB", "2024-11-26", "2024-11-26")).Lacking);
    }

    [Fact]
    public void Mexicans_need_a_canadian_visa_from_1_march_2024_and_other_visa_nationals_always()
    {
        Assert.True(Leg("MX", L("CA", "2024-02-29", "2024-03-10")).Lawful);
        var after = Leg("MX", L("CA", "2024-03-01", "2024-03-10"));
        Assert.Equal(["canada-visitor"], after.Rules);
        Assert.Equal(["visa"], after.Lacking);
        Assert.Equal(["visa"], Leg("IN", L("CA", "2025-03-01", "2025-03-10")).Lacking);
        Assert.True(Leg("FR", L("CA", "2025-03-01", "2025-03-10")).Lawful);
        Assert.True(Leg("US", L("CA", "2025-03-01", "2025-03-10")).Lawful);
        Assert.True(Leg("CA", L("CA", "2025-03-01", "2025-03-10")).Lawful);
    }

    [Fact]
    public void An_indian_in_australia_is_lawful_inside_an_australian_visa_only()
    {
        Assert.Equal(["visa"], Leg("IN", L("AU", "2025-03-01", "2025-03-20")).Lacking);
        var covered = Leg("IN", L("AU", "2025-03-01", "2025-03-20"), VisitVisa("AU", "600", "2025-02-01", "2026-01-31"));
        Assert.Empty(covered.Lacking);
        Assert.Equal("v1", covered.CoveredBy);
        Assert.True(covered.Lawful);
        Assert.Empty(covered.Rules);
        Assert.True(Leg("NZ", L("AU", "2025-03-01", "2025-12-20")).Lawful);
    }

    [Fact]
    public void An_australian_eta_or_evisitor_visit_is_lawful_to_its_third_month_and_unlawful_the_day_after()
    {
        // Arrival 10 January: 3 months from the date of arrival end on 9 April.
        var history = new TravelHistory([In("AU", "2025-01-10", null)], Nationalities: ["JP"]);
        var lastDay = Australia.Check(history, D("2025-04-09"));
        Assert.Equal((D("2025-04-09"), 0), (lastDay.StayUntil!.Value, lastDay.OverstayDays));
        Assert.Empty(lastDay.Violations);
        var dayAfter = Australia.Check(history, D("2025-04-10"));
        Assert.Null(dayAfter.StayUntil);
        Assert.Equal(1, dayAfter.OverstayDays);
        Assert.Equal(new Violation(D("2025-04-10"), D("2025-04-10"), 1), Assert.Single(dayAfter.Violations));

        var leg = Leg("DE", L("AU", "2025-01-10", "2025-04-10"));
        Assert.Equal(["australia-visitor"], leg.Rules);
        Assert.False(leg.Lawful);
        Assert.Equal((D("2025-04-09"), D("2025-04-10")), (leg.LatestLawfulLastDay!.Value, leg.FirstUnlawfulDay!.Value));
        Assert.Empty(leg.Lacking);
    }

    [Fact]
    public void A_new_arrival_in_australia_starts_a_new_three_months_and_other_nationals_are_not_counted()
    {
        var history = new TravelHistory([In("AU", "2025-01-10", "2025-04-09"), In("NZ", "2025-04-09", "2025-04-20"), In("AU", "2025-04-20", null)],
            Nationalities: ["GB"]);
        Assert.Equal(D("2025-07-19"), Australia.Check(history, D("2025-05-01")).StayUntil);
        Assert.True(Australia.Check(new TravelHistory([In("AU", "2025-01-10", null)], Nationalities: ["IN"]), D("2025-05-01")).Exempt);
        Assert.True(Australia.Check(new TravelHistory([In("AU", "2025-01-10", null)], Nationalities: ["AU"]), D("2025-05-01")).Exempt);
    }

    [Fact]
    public void Romania_never_joined_the_visa_waiver_program()
    {
        var leg = Leg("RO", L("US", "2025-04-01", "2025-04-10"));
        Assert.Empty(leg.Rules);
        Assert.Equal(["visa"], leg.Lacking);
    }

    [Fact]
    public void A_list_naming_both_kinds_or_none_or_an_uncited_entry_is_refused_with_its_path()
    {
        const string json = """
            { "version": "x", "records": { "missingEntryLookBackDays": 90, "lookBackSource": "s", "sameCrossingWithinDays": 2,
                "sameCrossingSource": "s", "sourcePrecedence": [ { "order": ["borderSystem","passportStamp","partnerFeed","selfReported"], "source": "s" } ] },
              "regimes": [ { "id": "v", "kind": "perVisit", "name": "V", "limitDays": 90, "ruleEffectiveFrom": "2000-01-01", "ruleSource": "s",
                "lastDaySource": "s", "members": [ { "country": "GB", "from": "2000-01-01", "source": "s" } ] } ],
              "visaRequirements": [
                { "area": "v", "name": "A", "from": "2000-01-01", "source": "s", "visaFree": [ { "country": "JP" } ], "visaRequired": [ { "country": "IN" } ] },
                { "area": "v", "name": "B", "from": "2000-01-01", "source": "s" },
                { "area": "v", "name": "C", "from": "2000-01-01", "source": "s", "visaRequired": [ { "country": "IN", "source": " " }, { "country": "XX" } ] },
                { "area": "v", "name": "D", "from": "2000-01-01", "source": "s", "visaRequired": [ { "country": "CO" }, { "country": "CO", "from": "2010-01-01" } ] } ] }
            """;
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "t.json"));
        Assert.Contains("visaRequirements[0].visaRequired a list names either", e.Message);
        Assert.Contains("visaRequirements[1].visaFree at least one state", e.Message);
        Assert.Contains("visaRequirements[2].visaRequired[0].source must cite", e.Message);
        Assert.Contains("visaRequirements[2].visaRequired[1].country 'XX'", e.Message);
        Assert.Contains("visaRequirements[3].visaRequired CO is listed more than once", e.Message);
    }

    [Fact]
    public void The_shipped_lists_cover_schengen_the_us_the_uk_canada_and_australia_each_entry_cited()
    {
        Assert.Equal(["schengen", "us-vwp", "uk-visitor", "canada-visitor", "australia-visitor"], Rules.VisaRequirements.Select(v => v.Area));
        Assert.All(Rules.VisaRequirements, v => Assert.All(v.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Source))));
        Assert.NotEmpty(Rules.VisaRequirements.Single(v => v.Area == "uk-visitor").RequiredOnlyFor);
    }
}

/// <summary>Georgia's one full year without a visa, at its edges.</summary>
public class GeorgiaYearTests
{
    private static readonly VisitRuleEngine Georgia = new(RuleSet.Default.VisitRules.Single(r => r.Id == "georgia-visa-free-year"));

    [Fact]
    public void A_year_in_georgia_is_lawful_to_its_last_day_and_unlawful_the_day_after()
    {
        var history = new TravelHistory([In("GE", "2024-03-01", null)], Nationalities: ["DE"]);
        var lastDay = Georgia.Check(history, D("2025-02-28"));
        Assert.Equal((D("2025-02-28"), 0), (lastDay.StayUntil!.Value, lastDay.OverstayDays));
        var dayAfter = Georgia.Check(history, D("2025-03-01"));
        Assert.Equal(1, dayAfter.OverstayDays);
        Assert.Equal(D("2025-03-01"), Assert.Single(dayAfter.Violations).From);
    }

    [Fact]
    public void A_new_entry_starts_a_new_year_and_unlisted_nationals_are_not_counted()
    {
        var history = new TravelHistory([In("GE", "2024-03-01", "2025-02-20"), In("TR", "2025-02-20", "2025-02-25"), In("GE", "2025-02-25", null)],
            Nationalities: ["US"]);
        Assert.Equal(D("2026-02-24"), Georgia.Check(history, D("2025-06-01")).StayUntil);
        Assert.True(Georgia.Check(new TravelHistory([In("GE", "2024-03-01", null)], Nationalities: ["CL"]), D("2024-06-01")).Exempt);
        Assert.True(Georgia.Check(new TravelHistory([In("GE", "2024-03-01", null)], Nationalities: ["GE"]), D("2024-06-01")).Exempt);
    }
}
