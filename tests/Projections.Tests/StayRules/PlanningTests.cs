using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

public class PlanningTests
{
    [Fact]
    public void StayUntil_is_later_than_days_remaining_suggests_because_old_days_roll_out()
    {
        // 60 days used early in the window; they roll out while the traveller stays.
        var history = History(In("FR", "2023-12-01", "2024-01-29"));
        var check = Schengen.Check(history, D("2024-05-01"));
        Assert.Equal(60, check.DaysUsed);
        Assert.Equal(30, check.DaysRemaining);
        // "30 days remaining" suggests 2024-05-30. But from 2024-05-29 on, each new day pushes one December or
        // January day out of the window, so the count holds at 88 until 2024-07-28 (window 2024-01-30..07-28:
        // 89 stay days), reaches 90 on 2024-07-29 and would be 91 on 2024-07-30.
        Assert.Equal(D("2024-07-29"), check.StayUntil);
        Assert.Equal(Oracle.StayUntil(history, D("2024-05-01")), check.StayUntil);
    }

    [Fact]
    public void A_fresh_traveller_can_stay_90_days_including_the_entry_day()
    {
        var plan = Schengen.Plan(History(), D("2024-05-01"));
        Assert.Equal(90, plan.MaxStayDays);
        Assert.Equal(D("2024-07-29"), plan.LastDay);
    }

    [Fact]
    public void After_90_days_used_the_plan_is_zero_and_has_no_last_day()
    {
        var plan = Schengen.Plan(History(In("DE", "2024-01-01", "2024-03-30")), D("2024-03-31"));
        Assert.Equal(0, plan.MaxStayDays);
        Assert.Null(plan.LastDay);
    }

    [Fact]
    public void StayUntil_is_null_when_the_control_date_is_already_over_the_limit()
    {
        var check = Schengen.Check(History(In("DE", "2024-01-01", "2024-04-09")), D("2024-04-09"));
        Assert.Equal(100, check.DaysUsed);
        Assert.Equal(10, check.OverstayDays);
        Assert.Equal(0, check.DaysRemaining);
        Assert.Null(check.StayUntil);
    }

    [Fact]
    public void Violations_report_every_unlawful_period_even_when_today_is_fine()
    {
        var history = History(In("DE", "2024-01-01", "2024-04-09"));
        var check = Schengen.Check(history, D("2025-01-01"));
        Assert.Equal(0, check.DaysUsed);
        var violation = Assert.Single(check.Violations);
        Assert.Equal(new Violation(D("2024-03-31"), D("2024-04-09"), 10), violation);
    }

    [Fact]
    public void Earliest_entry_waits_until_enough_days_have_rolled_out()
    {
        var history = History(In("DE", "2024-01-01", "2024-03-30"));
        var earliest = Schengen.Earliest(history, 10, D("2024-03-31"));
        Assert.Equal(Oracle.Earliest(history, 10, D("2024-03-31")), earliest.EarliestEntryDate);
        Assert.True(Schengen.Plan(history, earliest.EarliestEntryDate).MaxStayDays >= 10);
        Assert.True(Schengen.Plan(history, earliest.EarliestEntryDate.AddDays(-1)).MaxStayDays < 10);
    }

    [Fact]
    public void Earliest_refuses_a_stay_longer_than_the_limit()
    {
        Assert.Throws<StayRuleException>(() => Schengen.Earliest(History(), 91, D("2024-01-01")));
        Assert.Throws<StayRuleException>(() => Schengen.Earliest(History(), 0, D("2024-01-01")));
    }

    [Fact]
    public void The_daily_series_matches_single_checks()
    {
        var history = History(In("DE", "2024-01-01", "2024-04-09"), In("FR", "2024-06-01", null));
        var prepared = Schengen.Prepare(history, D("2024-07-01"));
        foreach (var day in prepared.Series(D("2024-03-25"), D("2024-07-01")))
            Assert.Equal(Schengen.Check(history, day.Day).DaysUsed, day.DaysUsed);
    }
}
