using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.Itineraries;

public class ItineraryCheckTests
{
    private static Leg L(string country, string from, string to) => new(country, D(from), D(to));

    private static ItineraryAnswer Check(string nationality, IReadOnlyList<Visa> visas, params Leg[] legs) =>
        ItineraryCheck.Run(RuleSet.Default, new TravelHistory([], Nationalities: [nationality]), visas, legs);

    private static Visa SchengenC(string from, string until, int days, VisaEntries entries = VisaEntries.Multiple) =>
        new("v1", null, "FR", "C", entries, D(from), D(until), days, D(from), VisaStatus.Valid, null, null);

    [Fact]
    public void Legs_count_the_legs_before_them_and_name_the_rules_by_country()
    {
        var answer = Check("US", [], L("FR", "2025-06-01", "2025-08-29"), L("DE", "2025-08-30", "2025-09-05"), L("GB", "2025-09-06", "2025-09-20"));
        var (france, germany, britain) = (answer.Legs[0], answer.Legs[1], answer.Legs[2]);
        Assert.True(france.Lawful);
        Assert.Equal(["schengen"], france.Rules);
        Assert.Equal((0, 90), (france.DaysUsedBefore, france.DaysUsedAfter));
        Assert.False(germany.Lawful);
        Assert.Equal(D("2025-08-30"), germany.FirstUnlawfulDay);
        Assert.Null(germany.LatestLawfulLastDay);
        Assert.Equal(D("2025-11-28"), germany.EarliestLawfulFirstDay);
        Assert.Equal(90, germany.DaysUsedBefore);
        Assert.Equal(["uk-visitor"], britain.Rules);
        Assert.True(britain.Lawful);
        Assert.Equal(D("2026-03-05"), britain.LatestLawfulLastDay);
        Assert.Empty(britain.Lacking);
    }

    [Fact]
    public void A_visa_national_is_lawful_only_inside_a_visa_that_covers_the_leg()
    {
        var none = Check("CN", [], L("ES", "2025-07-01", "2025-07-30")).Legs[0];
        Assert.False(none.Lawful);
        Assert.Equal(["visa"], none.Lacking);
        Assert.Equal(D("2025-07-01"), none.FirstUnlawfulDay);

        var covered = Check("CN", [SchengenC("2025-06-01", "2025-09-01", 30)], L("ES", "2025-07-01", "2025-07-30")).Legs[0];
        Assert.True(covered.Lawful);
        Assert.Equal("v1", covered.CoveredBy);

        var tooShort = Check("CN", [SchengenC("2025-06-01", "2025-09-01", 20)], L("ES", "2025-07-01", "2025-07-30")).Legs[0];
        Assert.False(tooShort.Lawful);
        Assert.Equal(["durationOfStay"], tooShort.Lacking);
        Assert.Equal(D("2025-07-21"), tooShort.FirstUnlawfulDay);

        var secondEntry = Check("CN", [SchengenC("2025-06-01", "2025-09-01", 60, VisaEntries.Single)],
            L("ES", "2025-06-05", "2025-06-10"), L("GB", "2025-06-11", "2025-06-12"), L("IT", "2025-06-13", "2025-06-20")).Legs[2];
        Assert.Equal(["entries"], secondEntry.Lacking);
    }

    [Fact]
    public void A_return_from_canada_continues_the_vwp_admission()
    {
        var legs = Check("JP", [], L("US", "2025-01-01", "2025-02-15"), L("CA", "2025-02-15", "2025-03-01"), L("US", "2025-03-01", "2025-04-05")).Legs;
        var back = legs[2];
        Assert.Equal(["us-vwp"], back.Rules);
        Assert.False(back.Lawful);
        Assert.Equal((D("2025-03-31"), D("2025-04-01")), (back.LatestLawfulLastDay!.Value, back.FirstUnlawfulDay!.Value));
        Assert.Equal(D("2025-04-01"), back.EarliestLawfulFirstDay);
        Assert.Equal((59, 95), (back.DaysUsedBefore, back.DaysUsedAfter));
        Assert.Equal(["canada-visitor"], legs[1].Rules);
    }

    [Fact]
    public void A_national_outside_the_vwp_needs_a_us_visa_and_no_vwp_rule_counts_for_them()
    {
        var leg = Check("CN", [], L("US", "2025-01-01", "2025-01-10")).Legs[0];
        Assert.Empty(leg.Rules);
        Assert.Equal(["visa"], leg.Lacking);
        Assert.True(Check("CA", [], L("US", "2025-01-01", "2025-01-10")).Legs[0].Lawful);
    }
}

public class NordicItineraryTests
{
    [Fact]
    public void A_nordic_leg_after_the_schengen_90_counts_for_the_agreement_until_its_own_90_are_used()
    {
        var legs = ItineraryCheck.Run(RuleSet.Default, new TravelHistory([], Nationalities: ["US"]), [],
            [new Leg("FR", D("2025-03-01"), D("2025-05-29")), new Leg("DK", D("2025-05-30"), D("2025-09-10"))]).Legs;
        var denmark = legs[1];
        Assert.Equal(["denmark-nordic-bilateral"], denmark.Rules);
        Assert.False(denmark.Lawful);
        Assert.Equal(D("2025-08-27"), denmark.LatestLawfulLastDay);
        Assert.Equal(D("2025-08-28"), denmark.FirstUnlawfulDay);
    }
}
