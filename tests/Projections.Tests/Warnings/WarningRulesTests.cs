using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Tests.Warnings;

public class WarningRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);
    private static readonly int[] Thresholds = [15, 5, 0, -1];

    private static Traveller InsideSince(int daysAgo, params object[] more)
    {
        var id = Guid.NewGuid();
        var t = Traveller.FromRegistration(new TravellerRegistered(id, ["US"], DateTimeOffset.UnixEpoch));
        return t.Anticipate([new EntryRecorded(id, "in", "FR", Today.AddDays(-daysAgo), null, null, null, CrossingSource.BorderSystem), .. more]);
    }

    private static WarningRules.Assessment Assess(Traveller t) => WarningRules.Assess(AssessmentContext.Of(t, Today, RuleSet.Default), _ => Thresholds);

    [Fact]
    public void Thresholds_already_reached_are_due_and_the_rest_are_scheduled_for_their_day()
    {
        // 81 days used today: last lawful day in 9 days.
        var assessment = Assess(InsideSince(80));
        Assert.Equal(["15-days-left"], assessment.DueNow.Select(w => w.Threshold));
        Assert.Equal([Today.AddDays(4), Today.AddDays(9), Today.AddDays(10)], assessment.CheckOn);
        Assert.Equal(Today.AddDays(9), assessment.DueNow[0].LastLawfulDay);
    }

    [Fact]
    public void Over_the_limit_only_the_most_severe_threshold_passed_is_issued()
    {
        var traveller = InsideSince(95);
        var assessment = Assess(traveller);
        Assert.Equal(["overstay-started"], assessment.DueNow.Select(w => w.Threshold));
        Assert.Empty(assessment.CheckOn);
        // And the less severe ones are not issued later either.
        Assert.Empty(Assess(traveller.Anticipate(assessment.DueNow)).DueNow);
    }

    [Fact]
    public void Two_thresholds_passed_at_once_issue_the_more_severe_and_a_later_one_still_follows()
    {
        var traveller = InsideSince(86); // 87 used: 15 and 5 days left both passed
        var first = Assess(traveller);
        Assert.Equal(["5-days-left"], first.DueNow.Select(w => w.Threshold));
        Assert.Equal([Today.AddDays(3), Today.AddDays(4)], first.CheckOn);
    }

    [Fact]
    public void An_issued_warning_is_not_due_again_and_nothing_is_due_outside()
    {
        var traveller = InsideSince(80);
        var issued = Assess(traveller).DueNow.Single();
        Assert.Empty(Assess(traveller.Anticipate([issued])).DueNow);

        var left = traveller.Anticipate([new ExitRecorded(traveller.Id, "out", "FR", Today.AddDays(-1), null, null, null, CrossingSource.BorderSystem)]);
        Assert.Empty(Assess(left).DueNow);
        Assert.Empty(Assess(left).CheckOn);
    }

    [Fact]
    public void Nationals_of_member_states_get_no_warnings()
    {
        var id = Guid.NewGuid();
        var french = Traveller.FromRegistration(new TravellerRegistered(id, ["FR"], DateTimeOffset.UnixEpoch))
            .Anticipate([new EntryRecorded(id, "in", "DE", Today.AddDays(-200), null, null, null, CrossingSource.BorderSystem)]);
        Assert.Empty(Assess(french).DueNow);
    }

    [Fact]
    public void A_visa_that_ends_before_the_last_lawful_day_and_used_up_single_entries_are_warned_about()
    {
        var traveller = InsideSince(10, new VisaIssued(Guid.Empty, "V1", null, "FR", "C", VisaEntries.Single,
            Today.AddDays(-20), Today.AddDays(5), 30, Today.AddDays(-30)));
        var due = Assess(traveller with { }).DueNow.Select(w => w.Threshold).ToList();
        Assert.Contains(WarningRules.VisaEndsDuringStay, due);
        Assert.Contains(WarningRules.VisaEntriesUsed, due);
    }
}
