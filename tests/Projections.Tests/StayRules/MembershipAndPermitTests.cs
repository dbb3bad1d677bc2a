using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

public class MembershipAndPermitTests
{
    [Fact]
    public void Croatia_counts_from_2023_01_01_only()
    {
        var history = History(In("HR", "2022-12-22", "2023-01-10"));
        Assert.Equal(10, Schengen.Check(history, D("2023-01-31")).DaysUsed);
    }

    [Fact]
    public void Bulgaria_and_Romania_count_from_2024_03_31_only()
    {
        var history = History(In("BG", "2024-03-21", "2024-03-31"), In("RO", "2024-03-25", "2024-04-02"));
        Assert.Equal(3, Schengen.Check(history, D("2024-04-30")).DaysUsed);
    }

    [Fact]
    public void Membership_comes_from_the_rule_set_data()
    {
        var regime = RuleSet.Default.Get("schengen");
        Assert.False(regime.IsMemberOn("CH", D("2008-12-11")));
        Assert.True(regime.IsMemberOn("CH", D("2008-12-12")));
        Assert.True(regime.IsMemberOn("LI", D("2011-12-19")));
        Assert.False(regime.IsMemberOn("LI", D("2011-12-18")));
        Assert.False(regime.IsMemberOn("IE", D("2024-01-01")));
    }

    [Fact]
    public void Days_covered_by_a_permit_of_the_country_where_they_are_spent_do_not_count()
    {
        var stays = new[] { In("FR", "2024-05-01", "2024-05-31") };
        var permits = new[] { new Permit("FR", D("2024-05-11"), D("2024-05-20")) };
        Assert.Equal(21, Schengen.Check(new TravelHistory(stays, permits), D("2024-06-01")).DaysUsed);
    }

    [Fact]
    public void A_permit_of_another_state_does_not_cover_the_days()
    {
        var stays = new[] { In("FR", "2024-05-01", "2024-05-31") };
        var permits = new[] { new Permit("DE", D("2024-01-01"), D("2024-12-31")) };
        Assert.Equal(31, Schengen.Check(new TravelHistory(stays, permits), D("2024-06-01")).DaysUsed);
    }

    [Fact]
    public void Nationals_of_member_states_are_not_subject_to_the_regime()
    {
        var history = new TravelHistory([In("FR", "2024-01-01", "2024-12-31")], Nationalities: ["US", "IE"]);
        var check = Schengen.Check(history, D("2024-12-31"));
        Assert.True(check.Exempt);
        Assert.Equal(0, check.DaysUsed);
        Assert.Empty(check.Violations);
    }

    [Fact]
    public void Another_regime_counts_on_its_own()
    {
        var turkey = new StayRuleEngine(RuleSet.Default.Get("turkey"));
        var history = History(In("TR", "2024-05-01", "2024-05-10"), In("FR", "2024-05-11", "2024-05-20"));
        Assert.Equal(10, turkey.Check(history, D("2024-06-01")).DaysUsed);
        Assert.Equal(10, Schengen.Check(history, D("2024-06-01")).DaysUsed);
    }
}
