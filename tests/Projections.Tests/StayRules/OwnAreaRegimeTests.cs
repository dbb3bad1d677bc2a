using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>
/// Cyprus, and Bulgaria, Romania and Croatia before they joined the Schengen area: 90 days in any 180 counted on each
/// state's own territory (Decision No 565/2014/EU Art. 1), at their edges (day 90 and day 91).
/// </summary>
public class OwnAreaRegimeTests
{
    private static readonly RuleSet Rules = RuleSet.Default;
    private static readonly StayRuleEngine Cyprus = new(Rules.Get("cyprus"));
    private static readonly StayRuleEngine Bulgaria = new(Rules.Get("bulgaria-before-schengen"));
    private static readonly StayRuleEngine Romania = new(Rules.Get("romania-before-schengen"));
    private static readonly StayRuleEngine Croatia = new(Rules.Get("croatia-before-schengen"));

    private static TravelHistory Of(string nationality, params Stay[] stays) => new(stays, Nationalities: [nationality]);

    [Fact]
    public void Ninety_days_in_cyprus_are_lawful_and_day_91_is_not()
    {
        // 1 March to 29 May 2025 is 90 days.
        var history = Of("US", In("CY", "2025-03-01", null));
        var day90 = Cyprus.Check(history, D("2025-05-29"));
        Assert.Equal((90, 0), (day90.DaysUsed, day90.OverstayDays));
        Assert.Equal(D("2025-05-29"), day90.StayUntil);
        var day91 = Cyprus.Check(history, D("2025-05-30"));
        Assert.Equal(1, day91.OverstayDays);
        Assert.Equal(D("2025-05-30"), Assert.Single(day91.Violations).From);
    }

    [Fact]
    public void Cyprus_counts_apart_from_schengen_and_eu_nationals_are_exempt()
    {
        var history = Of("US", In("FR", "2025-01-01", "2025-03-31"), In("CY", "2025-04-01", "2025-06-29"));
        Assert.Equal(90, Cyprus.Check(history, D("2025-06-29")).DaysUsed);
        Assert.Equal(0, Cyprus.Check(history, D("2025-06-29")).OverstayDays);
        Assert.Equal(0, Schengen.Check(history, D("2025-06-29")).OverstayDays);
        Assert.True(Cyprus.Check(Of("DE", In("CY", "2025-01-01", null)), D("2025-12-01")).Exempt);
    }

    [Fact]
    public void Bulgarian_days_count_on_their_own_until_30_march_2024_and_for_schengen_from_the_next_day()
    {
        // 2 January to 31 March 2024: 89 days in Bulgaria on its own, 31 March in Schengen.
        var history = Of("US", In("BG", "2024-01-02", "2024-04-15"));
        var own = Bulgaria.Check(history, D("2024-03-30"));
        Assert.Equal((89, 0), (own.DaysUsed, own.OverstayDays));
        Assert.Equal(89, Bulgaria.Check(history, D("2024-04-15")).DaysUsed);
        Assert.Equal(16, Schengen.Check(history, D("2024-04-15")).DaysUsed);
    }

    [Fact]
    public void Romania_and_croatia_before_schengen_at_day_90_and_91()
    {
        var romania = Of("CA", In("RO", "2023-01-01", null));
        Assert.Equal(0, Romania.Check(romania, D("2023-03-31")).OverstayDays);
        Assert.Equal(1, Romania.Check(romania, D("2023-04-01")).OverstayDays);
        var croatia = Of("CA", In("HR", "2022-06-01", null));
        Assert.Equal(0, Croatia.Check(croatia, D("2022-08-29")).OverstayDays);
        Assert.Equal(1, Croatia.Check(croatia, D("2022-08-30")).OverstayDays);
    }

    [Fact]
    public void An_itinerary_names_the_rule_of_the_country_on_the_day()
    {
        var history = new TravelHistory([], Nationalities: ["US"]);
        var legs = ItineraryCheck.Run(Rules, history, [], [new Leg("BG", D("2023-05-01"), D("2023-05-10")), new Leg("BG", D("2024-05-01"), D("2024-05-10")),
            new Leg("CY", D("2025-05-01"), D("2025-08-10"))]).Legs;
        Assert.Equal(["bulgaria-before-schengen"], legs[0].Rules);
        Assert.Equal(["schengen"], legs[1].Rules);
        Assert.Equal(["cyprus"], legs[2].Rules);
        Assert.False(legs[2].Lawful);
        Assert.Equal(D("2025-07-29"), legs[2].LatestLawfulLastDay);
    }
}
