using Ledger.Projections.Presence;

namespace Ledger.Projections.Tests.Presence;

/// <summary>
/// Each shipped goal on hand-computed cases: a part met exactly and missed by one day, and the counting convention
/// (departure and return days are days present) on trips whose travel days fall on a period's edges.
/// </summary>
public class PresenceGoalTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s);

    private static PresenceGoal Goal(string id) => PresenceGoals.Default.Find(id)!;

    /// <summary>Present from <paramref name="since"/> on, except between each trip's departure and return (both days present).</summary>
    private static PresenceRecord Record(string since, string? permissionFrom, params (string Depart, string Return)[] trips) =>
        Record(since, permissionFrom, [], trips);

    private static PresenceRecord Record(string since, string? permissionFrom, DateSpan[] authorised, params (string Depart, string Return)[] trips)
    {
        var stays = new List<(DateOnly, DateOnly?)>();
        var entry = D(since);
        foreach (var (depart, back) in trips)
        {
            stays.Add((entry, D(depart)));
            entry = D(back);
        }
        stays.Add((entry, null));
        return new PresenceRecord(stays, [], permissionFrom is null ? null : D(permissionFrom), authorised);
    }

    private static PartAnswer PartOf(PresenceAnswer a, string part) => a.Parts.Single(p => p.Part == part);

    // Canadian citizenship, on 2025-06-01: the period is 2020-06-01 .. 2025-05-31 (1,826 days, 29 February 2024 in it).

    [Fact]
    public void Canadian_citizenship_with_900_days_before_permanent_residence_credits_365_not_450()
    {
        // In Canada throughout on a study permit; PR from 2022-11-18 = 2020-06-01 + 900 days: 900 pre-PR days (half: 450,
        // capped at 365) and 1,826 - 900 = 926 days as a PR: 926 + 365 = 1,291.
        var record = Record("2019-09-01", "2022-11-18", [new DateSpan(D("2019-09-01"), D("2022-11-17"))]);
        var part = PartOf(PresenceCalculator.Answer(Goal("ca-citizenship"), record, D("2025-06-01")), "physical-presence");
        Assert.Equal((365, 1291, true), (part.HalfCreditDays!.Value, part.Counted, part.Met));
    }

    [Fact]
    public void Canadian_citizenship_met_exactly_and_missed_by_one_day()
    {
        // PR from 2023-06-01: 2023-06-01 .. 2025-05-31 is 731 days. Pre-PR 2020-06-01 .. 2023-05-31 (1,095 days, all on a
        // permit) credit 365. A trip leaving 2024-01-10 and back 2024-01-12 is one day absent (the 11th): 730 + 365 = 1,095.
        var permit = new[] { new DateSpan(D("2019-09-01"), D("2023-05-31")) };
        var exactly = PresenceCalculator.Answer(Goal("ca-citizenship"), Record("2019-09-01", "2023-06-01", permit, ("2024-01-10", "2024-01-12")), D("2025-06-01"));
        Assert.Equal((1095, true, 0), (exactly.Parts[0].Counted, exactly.Met, exactly.Parts[0].Shortfall));
        // Back on the 13th: two days absent, 1,094: one day short; staying from 2025-06-01 on, it is met the next day.
        var short1 = PresenceCalculator.Answer(Goal("ca-citizenship"), Record("2019-09-01", "2023-06-01", permit, ("2024-01-10", "2024-01-13")), D("2025-06-01"));
        Assert.Equal((1094, false, 1, PresenceDetermination.NotMet), (short1.Parts[0].Counted, short1.Met, short1.Parts[0].Shortfall, short1.Determination));
        Assert.NotNull(short1.EarliestDateMet);
        Assert.True(short1.EarliestDateMet > D("2025-06-01"));
    }

    [Fact]
    public void Canadian_departure_and_return_days_on_the_period_edges_are_days_in_Canada()
    {
        // PR long before the period; left on 2020-06-01 (the period's first day) and back on 2020-06-05: absent the 2nd,
        // 3rd and 4th only: 1,826 - 3 = 1,823.
        var answer = PresenceCalculator.Answer(Goal("ca-citizenship"), Record("2015-01-01", "2015-01-01", ("2020-06-01", "2020-06-05")), D("2025-06-01"));
        Assert.Equal(1823, answer.Parts[0].Counted);
        // Left on 2020-05-31 (the day before the period): the 1st is absent too.
        var before = PresenceCalculator.Answer(Goal("ca-citizenship"), Record("2015-01-01", "2015-01-01", ("2020-05-31", "2020-06-05")), D("2025-06-01"));
        Assert.Equal(1822, before.Parts[0].Counted);
        // Back on 2025-05-31, the period's last day: that day counts.
        var back = PresenceCalculator.Answer(Goal("ca-citizenship"), Record("2015-01-01", "2015-01-01", ("2025-05-20", "2025-05-31")), D("2025-06-01"));
        Assert.Equal(1826 - 10, back.Parts[0].Counted);
    }

    [Fact]
    public void Canadian_residency_obligation_met_exactly_missed_by_one_and_the_latest_return()
    {
        // PR since 2018; in Canada from 2023-06-02: 2023-06-02 .. 2025-05-31 is 366 + 364 = 730 days.
        var exactly = PresenceCalculator.Answer(Goal("ca-pr-residency"), Record("2023-06-02", "2018-01-01"), D("2025-06-01"));
        Assert.Equal((730, true), (exactly.Parts[0].Counted, exactly.Met));
        var short1 = PresenceCalculator.Answer(Goal("ca-pr-residency"), Record("2023-06-03", "2018-01-01"), D("2025-06-01"));
        Assert.Equal((729, false, 1), (short1.Parts[0].Counted, short1.Met, short1.Parts[0].Shortfall));

        // In Canada 2018-01-01 .. 2024-12-31, abroad since. Returning on R, the examination's period is R-5y .. R-1: it
        // holds 730 days while R-5y <= 2023-01-02 (2023-01-02 .. 2024-12-31 = 364 + 366), so the latest return is 2028-01-02.
        var abroad = new PresenceRecord([(D("2018-01-01"), D("2024-12-31"))], [], D("2018-01-01"), []);
        var answer = PresenceCalculator.Answer(Goal("ca-pr-residency"), abroad, D("2025-06-01"));
        Assert.Equal((true, false, D("2028-01-02")), (answer.Met, answer.PresentOn, answer.LatestReturnDate));
    }

    [Fact]
    public void A_permanent_resident_of_less_than_five_years_meets_the_obligation_while_the_days_still_to_come_can_reach_730()
    {
        // PR from 2024-01-01, in Canada since: 517 days to 2025-05-31; the five years from 2024-01-01 end 2028-12-31.
        var answer = PresenceCalculator.Answer(Goal("ca-pr-residency"), Record("2024-01-01", "2024-01-01"), D("2025-06-01"));
        var part = answer.Parts[0];
        Assert.Equal((D("2024-01-01"), D("2028-12-31"), 517, true), (part.From, part.To, part.Counted, part.Met));
        Assert.Equal(D("2028-12-31").DayNumber - D("2025-05-31").DayNumber, part.DaysStillPossible);
    }

    // UK naturalisation, on 2025-06-01: the periods end with the date of application: 2020-06-02 .. 2025-06-01 and
    // 2024-06-02 .. 2025-06-01. ILR held since 2020.

    [Fact]
    public void UK_naturalisation_with_93_days_absent_in_the_last_12_months_misses_by_3_though_the_five_years_are_within_450()
    {
        // Left 2024-09-01, back 2024-12-04: absent 2 Sep .. 3 Dec = 29 + 31 + 30 + 3 = 93.
        var answer = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2024-09-01", "2024-12-04")), D("2025-06-01"));
        var five = PartOf(answer, "absences-5-years");
        var last = PartOf(answer, "absences-last-12-months");
        Assert.Equal((93, true), (five.Counted, five.Met));
        Assert.Equal((93, false, 3), (last.Counted, last.Met, last.Shortfall));
        Assert.False(answer.Met);
        // Back on 2024-12-01 instead: 29 + 31 + 30 = 90, met exactly.
        var exactly = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2024-09-01", "2024-12-01")), D("2025-06-01"));
        Assert.Equal((90, true, true), (PartOf(exactly, "absences-last-12-months").Counted, PartOf(exactly, "absences-last-12-months").Met, exactly.Met));
    }

    [Fact]
    public void UK_travel_days_on_the_edges_of_the_last_12_months_are_not_absences()
    {
        // Left 2024-06-02 (the period's first day), back 2024-08-31: absent 3 Jun .. 30 Aug = 28 + 31 + 30 = 89.
        var onEdge = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2024-06-02", "2024-08-31")), D("2025-06-01"));
        Assert.Equal(89, PartOf(onEdge, "absences-last-12-months").Counted);
        // Left the day before the period: 2 Jun is absent too (90). Back on the application day itself: that day is not absent.
        var before = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2024-06-01", "2024-08-31")), D("2025-06-01"));
        Assert.Equal(90, PartOf(before, "absences-last-12-months").Counted);
        var backOnTheDay = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2025-05-20", "2025-06-01")), D("2025-06-01"));
        Assert.Equal(11, PartOf(backOnTheDay, "absences-last-12-months").Counted);
    }

    [Fact]
    public void UK_naturalisation_five_year_part_met_at_450_and_missed_at_451()
    {
        // Two trips inside 2020-06-02 .. 2025-06-01 (none in the last 12 months): 2021-01-01 .. 2021-12-01 absent
        // 2 Jan .. 30 Nov 2021 = 333 days; 2022-03-01 .. 2022-06-28 absent 2 Mar .. 27 Jun = 30 + 30 + 31 + 27 = 118 -> 451.
        var over = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2021-01-01", "2021-12-01"), ("2022-03-01", "2022-06-28")), D("2025-06-01"));
        Assert.Equal((451, false, 1), (PartOf(over, "absences-5-years").Counted, PartOf(over, "absences-5-years").Met, PartOf(over, "absences-5-years").Shortfall));
        var exactly = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2020-01-01", ("2021-01-01", "2021-12-01"), ("2022-03-01", "2022-06-27")), D("2025-06-01"));
        Assert.Equal((450, true), (PartOf(exactly, "absences-5-years").Counted, exactly.Met));
    }

    [Fact]
    public void UK_naturalisation_needs_indefinite_leave_held_for_the_12_months_before()
    {
        var recent = PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2024-09-01"), D("2025-06-01"));
        Assert.Equal((true, false, false), (recent.Permission.Held, recent.Permission.HeldLongEnough, recent.Met));
        // 12 months ending 2025-05-31 begin 2024-06-01: ILR from then is long enough.
        Assert.True(PresenceCalculator.Answer(Goal("uk-naturalisation"), Record("2015-01-01", "2024-06-01"), D("2025-06-01")).Met);
        Assert.Equal(D("2025-09-01"), recent.EarliestDateMet);
    }

    [Fact]
    public void UK_settlement_180_days_in_any_12_months_met_exactly_and_missed_by_one()
    {
        // Left 2022-01-01, back 2022-06-30: absent 2 Jan .. 29 Jun 2022 = 30 + 28 + 31 + 30 + 31 + 29 = 179.
        // Back on 1 July: 180. Back on 2 July: 181.
        PartAnswer Worst(string back) => PresenceCalculator.Answer(Goal("uk-ilr-continuous-residence"),
            Record("2019-01-01", "2019-01-01", ("2022-01-01", back)), D("2025-06-01")).Parts[0];
        Assert.Equal((179, true), (Worst("2022-06-30").Counted, Worst("2022-06-30").Met));
        Assert.Equal((180, true), (Worst("2022-07-01").Counted, Worst("2022-07-01").Met));
        var over = Worst("2022-07-02");
        Assert.Equal((181, false, 1), (over.Counted, over.Met, over.Shortfall));
        Assert.True(over.From <= D("2022-01-02") && over.To >= D("2022-07-01"), $"the worst window {over.From}..{over.To} holds the whole absence");
    }

    [Fact]
    public void Australian_citizenship_90_days_in_the_last_year_met_exactly_and_missed_by_one()
    {
        // On 2025-06-01 the last year is 2024-06-01 .. 2025-05-31. Left 2024-10-01, back 2024-12-31: absent 2 Oct .. 30 Dec
        // = 30 + 30 + 30 = 90. Back 2025-01-01: 91.
        var exactly = PresenceCalculator.Answer(Goal("au-citizenship"), Record("2019-01-01", "2021-01-01", ("2024-10-01", "2024-12-31")), D("2025-06-01"));
        Assert.Equal((90, true, true), (PartOf(exactly, "absences-last-year").Counted, PartOf(exactly, "absences-last-year").Met, exactly.Met));
        var over = PresenceCalculator.Answer(Goal("au-citizenship"), Record("2019-01-01", "2021-01-01", ("2024-10-01", "2025-01-01")), D("2025-06-01"));
        Assert.Equal((91, 1, false), (PartOf(over, "absences-last-year").Counted, PartOf(over, "absences-last-year").Shortfall, over.Met));
    }

    [Fact]
    public void Australian_citizenship_one_year_absent_in_four_met_exactly_and_missed_by_one()
    {
        // 4 years before 2025-06-01: 2021-06-01 .. 2025-05-31. Left 2022-01-01, back 2023-01-02: absent 2 Jan 2022 .. 1 Jan
        // 2023 = 365. Back 2023-01-03: 366.
        var exactly = PresenceCalculator.Answer(Goal("au-citizenship"), Record("2019-01-01", "2021-01-01", ("2022-01-01", "2023-01-02")), D("2025-06-01"));
        Assert.Equal((365, true), (PartOf(exactly, "absences-4-years").Counted, exactly.Met));
        var over = PresenceCalculator.Answer(Goal("au-citizenship"), Record("2019-01-01", "2021-01-01", ("2022-01-01", "2023-01-03")), D("2025-06-01"));
        Assert.Equal((366, false), (PartOf(over, "absences-4-years").Counted, over.Met));
    }

    [Fact]
    public void A_pending_Australian_applicant_holds_no_permanent_visa_so_no_goal_is_met_and_no_date_is_promised()
    {
        var answer = PresenceCalculator.Answer(Goal("au-citizenship"), Record("2021-01-01", null), D("2025-06-01"));
        Assert.Equal((false, false, (DateOnly?)null), (answer.Permission.Held, answer.Met, answer.EarliestDateMet));
        Assert.All(answer.Parts, p => Assert.True(p.Met)); // never away: the absence parts hold
    }

    [Fact]
    public void Australian_resident_return_730_days_as_a_permanent_resident_met_exactly_and_missed_by_one()
    {
        // PR since 2015; in Australia from 2023-06-02 (2023-06-02 .. 2025-05-31 = 730 days).
        Assert.True(PresenceCalculator.Answer(Goal("au-resident-return"), Record("2023-06-02", "2015-01-01"), D("2025-06-01")).Met);
        var short1 = PresenceCalculator.Answer(Goal("au-resident-return"), Record("2023-06-03", "2015-01-01"), D("2025-06-01"));
        Assert.Equal((729, 1, false), (short1.Parts[0].Counted, short1.Parts[0].Shortfall, short1.Met));
    }

    [Fact]
    public void US_naturalisation_913_days_met_exactly_and_missed_by_one()
    {
        // 2020-06-01 .. 2025-05-31 is 1,826 days; one trip leaving 2021-01-01 and back 2023-07-04 (914 days later) is 913
        // days absent: 1,826 - 913 = 913. Back a day later: 912.
        var exactly = PresenceCalculator.Answer(Goal("us-naturalisation"), Record("2019-01-01", "2020-01-01", ("2021-01-01", "2023-07-04")), D("2025-06-01"));
        Assert.Equal((913, true), (exactly.Parts[0].Counted, exactly.Met));
        var short1 = PresenceCalculator.Answer(Goal("us-naturalisation"), Record("2019-01-01", "2020-01-01", ("2021-01-01", "2023-07-05")), D("2025-06-01"));
        Assert.Equal((912, 1, false), (short1.Parts[0].Counted, short1.Parts[0].Shortfall, short1.Met));
    }

    [Fact]
    public void Uncertain_days_give_both_figures_and_an_undetermined_answer_when_they_decide()
    {
        // US: 913 exactly with the trip above; five uncertain days inside the trip: certainly 913, possibly 918 -> met.
        // Inside a trip one day too long (912 certain, 917 possible): undetermined.
        var record = Record("2019-01-01", "2020-01-01", ("2021-01-01", "2023-07-05")) with { Uncertain = [new DateSpan(D("2022-01-10"), D("2022-01-14"))] };
        var answer = PresenceCalculator.Answer(Goal("us-naturalisation"), record, D("2025-06-01"));
        Assert.Equal((912, 917, PresenceDetermination.Undetermined, false), (answer.Parts[0].Counted, answer.Parts[0].CountedIfUncertainPresent, answer.Determination, answer.Met));
    }

    [Fact]
    public void Every_shipped_goal_cites_its_law_and_its_counting_convention()
    {
        Assert.Equal(["ca-pr-residency", "ca-citizenship", "uk-ilr-continuous-residence", "uk-naturalisation", "au-citizenship", "au-resident-return", "us-naturalisation"],
            PresenceGoals.Default.Goals.Select(g => g.Id).ToArray());
        Assert.All(PresenceGoals.Default.Goals, g => Assert.False(string.IsNullOrWhiteSpace(g.Citation + g.TravelDaysSource)));
    }

    [Theory]
    [InlineData("""{"version":"1","goals":[{"id":"x","name":"X","state":"CA","startsFrom":["NOPE"],"kind":"eligibility","travelDays":"present","travelDaysSource":"s","parts":[{"id":"p","description":"d","unit":"daysPresent","limit":10,"period":{"years":1,"ends":"dayBefore"},"source":"s"}],"citation":"c"}]}""", "startsFrom 'NOPE' is not a visa category of CA")]
    [InlineData("""{"version":"1","goals":[{"id":"x","name":"X","state":"CA","startsFrom":["PR"],"kind":"eligibility","travelDays":"present","travelDaysSource":"s","parts":[{"id":"p","description":"d","unit":"daysPresent","limit":400,"period":{"years":1,"ends":"dayBefore"},"source":"s"}],"citation":""}]}""", "limit 400 is longer than its period")]
    [InlineData("""{"version":"1","goals":[{"id":"x","name":"X","state":"CA","startsFrom":["PR"],"kind":"eligibility","travelDays":"present","travelDaysSource":"s","parts":[{"id":"p","description":"d","unit":"daysPresent","limit":4,"period":{"years":1,"ends":"dayBefore"},"source":"s"}],"citation":""}]}""", "citation must cite")]
    public void An_invalid_goal_file_is_refused_with_its_path(string json, string says)
    {
        var e = Assert.Throws<Ledger.Projections.StayRules.RuleSetException>(() => PresenceGoals.Parse(json, "test.json", Ledger.Projections.Visas.VisaCategories.Default));
        Assert.Contains(says, e.Message);
    }
}
