using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

public class StayCountingTests
{
    [Fact]
    public void Entry_and_exit_on_the_same_day_is_one_day()
    {
        var check = Schengen.Check(History(In("FR", "2024-05-10", "2024-05-10")), D("2024-05-10"));
        Assert.Equal(1, check.DaysUsed);
        Assert.Equal(89, check.DaysRemaining);
    }

    [Fact]
    public void Entry_day_and_exit_day_both_count()
    {
        var check = Schengen.Check(History(In("FR", "2024-05-10", "2024-05-19")), D("2024-06-01"));
        Assert.Equal(10, check.DaysUsed);
    }

    [Fact]
    public void Exit_and_reentry_on_the_same_day_count_that_day_once()
    {
        var history = History(In("FR", "2024-05-01", "2024-05-10"), In("DE", "2024-05-10", "2024-05-12"));
        Assert.Equal(12, Schengen.Check(history, D("2024-06-01")).DaysUsed);
    }

    [Fact]
    public void Duplicate_and_overlapping_stays_never_count_a_day_twice_and_order_does_not_matter()
    {
        var history = History(
            In("IT", "2024-05-05", "2024-05-20"),
            In("FR", "2024-05-01", "2024-05-10"),
            In("FR", "2024-05-01", "2024-05-10"));
        Assert.Equal(20, Schengen.Check(history, D("2024-06-01")).DaysUsed);
    }

    [Fact]
    public void The_window_is_the_control_date_and_the_179_days_before_it()
    {
        // 2024-01-01 is exactly 179 days before 2024-06-28 (2024 is a leap year): inside the window.
        var history = History(In("FR", "2024-01-01", "2024-01-01"));
        var check = Schengen.Check(history, D("2024-06-28"));
        Assert.Equal(D("2024-01-01"), check.WindowStart);
        Assert.Equal(D("2024-06-28"), check.WindowEnd);
        Assert.Equal(1, check.DaysUsed);
        // One day later it has left the window.
        Assert.Equal(0, Schengen.Check(history, D("2024-06-29")).DaysUsed);
    }

    [Fact]
    public void A_stay_straddling_the_window_start_counts_only_its_days_inside()
    {
        // Window for 2024-06-28 starts 2024-01-01; the stay has 5 days before it and 10 inside.
        var history = History(In("ES", "2023-12-27", "2024-01-10"));
        Assert.Equal(10, Schengen.Check(history, D("2024-06-28")).DaysUsed);
    }

    [Fact]
    public void Leap_day_is_a_calendar_day_like_any_other()
    {
        var history = History(In("FR", "2024-02-28", "2024-03-01"));
        Assert.Equal(3, Schengen.Check(history, D("2024-03-01")).DaysUsed);
        // The window ending 2024-08-26 starts 2024-02-29 in a leap year (180 days inclusive).
        var check = Schengen.Check(history, D("2024-08-26"));
        Assert.Equal(D("2024-02-29"), check.WindowStart);
        Assert.Equal(2, check.DaysUsed);
    }

    [Fact]
    public void A_stay_without_exit_lasts_until_the_control_date()
    {
        var check = Schengen.Check(History(In("NL", "2024-05-01", null)), D("2024-05-31"));
        Assert.Equal(31, check.DaysUsed);
    }

    [Fact]
    public void Presence_after_the_control_date_is_not_counted()
    {
        var check = Schengen.Check(History(In("NL", "2024-05-01", "2024-07-01")), D("2024-05-31"));
        Assert.Equal(31, check.DaysUsed);
    }

    [Fact]
    public void Days_outside_the_area_do_not_count()
    {
        var history = History(In("IE", "2024-05-01", "2024-05-31"), In("CY", "2024-06-01", "2024-06-10"), In("AD", "2024-06-11", "2024-06-12"));
        Assert.Equal(0, Schengen.Check(history, D("2024-06-30")).DaysUsed);
    }

    [Fact]
    public void Microstates_inside_the_area_count()
    {
        var history = History(In("MC", "2024-05-01", "2024-05-02"), In("SM", "2024-05-03", "2024-05-04"), In("VA", "2024-05-05", "2024-05-05"));
        Assert.Equal(5, Schengen.Check(history, D("2024-05-31")).DaysUsed);
    }

    [Fact]
    public void Control_dates_before_the_90_in_180_rule_are_refused()
    {
        var e = Assert.Throws<StayRuleException>(() => Schengen.Check(History(), D("2013-10-17")));
        Assert.Contains("2013-10-18", e.Message);
        Assert.Equal(0, Schengen.Check(History(), D("2013-10-18")).DaysUsed);
    }

    [Fact]
    public void Control_dates_at_the_end_of_the_calendar_are_refused_not_overflowed()
    {
        Assert.Throws<StayRuleException>(() => Schengen.Check(History(In("FR", "2024-05-01", null)), DateOnly.MaxValue));
        Assert.Throws<StayRuleException>(() => Schengen.Plan(History(), DateOnly.MaxValue.AddDays(-10)));
    }

    [Fact]
    public void Exit_before_entry_is_refused()
    {
        Assert.Throws<StayRuleException>(() => Schengen.Check(History(In("FR", "2024-05-10", "2024-05-09")), D("2024-06-01")));
    }
}
