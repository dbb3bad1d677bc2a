using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>The third day state: uncertain days count in daysUsedIfPresent only, and decide the determination.</summary>
public class UncertainDaysTests
{
    private static readonly DateOnly On = D("2024-06-30"); // window 2024-01-03 .. 2024-06-30

    private static UncertainDays Unsure(string first, string last, string id = "a", string country = "FR") => new(id, country, D(first), D(last));

    private static TravelHistory With(Stay[] stays, params UncertainDays[] uncertain) => new(stays, Uncertain: uncertain);

    [Theory]
    // 70 present + 20 uncertain: even the upper figure is 90, within the limit.
    [InlineData("2024-05-09", "2024-05-29", 70, 90, Determination.Lawful)]
    // 70 present + 21 uncertain: the upper figure is 91, the lower 70.
    [InlineData("2024-05-09", "2024-05-30", 70, 91, Determination.Undetermined)]
    // 90 present + 1 uncertain: the lower figure is exactly the limit, so it is not unlawful.
    [InlineData("2024-05-29", "2024-05-30", 90, 91, Determination.Undetermined)]
    // 91 present: unlawful whatever the uncertain days were.
    [InlineData("2024-05-30", "2024-06-02", 91, 94, Determination.Unlawful)]
    public void The_determination_follows_both_figures_at_the_edges(string presentUntil, string uncertainUntil, int used, int ifPresent, Determination expected)
    {
        var last = D(presentUntil);
        var history = With([In("FR", "2024-03-01", presentUntil)], Unsure(last.AddDays(1).ToString("yyyy-MM-dd"), uncertainUntil));
        var check = Schengen.Check(history, On);
        Assert.Equal((used, ifPresent, expected), (check.DaysUsed, check.DaysUsedIfPresent, check.Determination));
        Assert.Equal(expected == Determination.Undetermined ? new[] { "a" } : Array.Empty<string>(), check.Anomalies);
        // The past is unlawful only on the lower figure: no violation unless even the present days exceed the limit.
        Assert.Equal(expected == Determination.Unlawful, check.Violations.Count > 0);
    }

    [Fact]
    public void A_complete_history_is_lawful_or_unlawful_with_both_figures_equal()
    {
        var check = Schengen.Check(History(In("FR", "2024-03-01", "2024-04-01")), On);
        Assert.Equal((32, 32, Determination.Lawful, false), (check.DaysUsed, check.DaysUsedIfPresent, check.Determination, check.UncertainCountedAsPresent));
        Assert.Empty(check.Anomalies!);
        Assert.Empty(check.UndeterminedPeriods!);
    }

    [Fact]
    public void Uncertain_days_overlapping_presence_count_once_and_outside_the_area_or_under_a_permit_not_at_all()
    {
        var history = new TravelHistory([In("FR", "2024-03-01", "2024-03-10")],
            Permits: [new Permit("DE", D("2024-04-01"), D("2024-04-30"))],
            Uncertain: [Unsure("2024-03-05", "2024-03-15"), Unsure("2024-04-01", "2024-04-05", "b", "DE"), Unsure("2024-04-01", "2024-04-05", "c", "GB")]);
        var check = Schengen.Check(history, On);
        Assert.Equal((10, 15), (check.DaysUsed, check.DaysUsedIfPresent));
    }

    [Fact]
    public void Stay_until_plan_and_earliest_count_uncertain_days_as_present_and_say_so()
    {
        var certain = History(In("FR", "2024-03-01", "2024-04-09"), In("FR", "2024-04-10", "2024-04-29"));
        var unsure = With([In("FR", "2024-03-01", "2024-04-09")], Unsure("2024-04-10", "2024-04-29"));
        var a = Schengen.Check(unsure, D("2024-05-10"));
        var b = Schengen.Check(certain, D("2024-05-10"));
        Assert.Equal(b.StayUntil, a.StayUntil);
        Assert.True(a.UncertainCountedAsPresent);
        Assert.Equal(Schengen.Plan(certain, D("2024-05-10")).LastDay, Schengen.Plan(unsure, D("2024-05-10")).LastDay);
        Assert.True(Schengen.Plan(unsure, D("2024-05-10")).UncertainCountedAsPresent);
        Assert.Equal(Schengen.Earliest(certain, 90, D("2024-05-10")).EarliestEntryDate, Schengen.Earliest(unsure, 90, D("2024-05-10")).EarliestEntryDate);
    }

    [Fact]
    public void Undetermined_periods_name_the_anomalies_in_their_windows_and_are_never_violations()
    {
        var history = With([In("FR", "2024-03-01", "2024-05-09")], Unsure("2024-05-10", "2024-06-10", "gap"));
        var prepared = Schengen.Prepare(history, On);
        var period = Assert.Single(prepared.UndeterminedPeriods);
        // Upper figure 91 first on 2024-05-30 (70 present + 21 uncertain); the last uncertain day is 2024-06-10.
        Assert.Equal((D("2024-05-30"), D("2024-06-10"), 12), (period.From, period.To, period.Days));
        Assert.Equal(["gap"], period.AnomalyIds);
        Assert.Empty(prepared.Violations);
        var day = prepared.Series(D("2024-06-01"), D("2024-06-01")).Single();
        Assert.Equal((false, true, 70, 93), (day.Present, day.Uncertain, day.DaysUsed, day.DaysUsedIfPresent));
    }
}
