using Ledger.Projections.Crossings;
using Ledger.Projections.Plans;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Tests.Plans;

/// <summary>A stored plan re-checked on a write: a warning when the write turns it from lawful to unlawful, and only then.</summary>
public class PlanRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static Traveller Registered(params Func<Guid, object>[] events)
    {
        var id = Guid.NewGuid();
        var t = Traveller.FromRegistration(new TravellerRegistered(id, ["US"], DateTimeOffset.UnixEpoch));
        return t.Anticipate(events.Select(e => e(id)));
    }

    private static Func<Guid, object> Entry(string id, int daysAgo, string country = "FR") =>
        t => new EntryRecorded(t, id, country, Today.AddDays(-daysAgo), null, null, null, CrossingSource.BorderSystem);

    private static Func<Guid, object> Exit(string id, int daysAgo, string country = "FR") =>
        t => new ExitRecorded(t, id, country, Today.AddDays(-daysAgo), null, null, null, CrossingSource.BorderSystem);

    /// <summary>Spain for ten days from tomorrow.</summary>
    private static Func<Guid, object> SpainPlan(string planId = "summer", int fromInDays = 1, int days = 10) =>
        t => new PlanRecorded(t, planId, [new PlannedLeg("ES", Today.AddDays(fromInDays), Today.AddDays(fromInDays + days - 1))], null);

    /// <summary>What <c>Consequences.Of</c> asks: the traveller before the write and after it.</summary>
    private static IReadOnlyList<WarningIssued> Write(Traveller before, params Func<Guid, object>[] events)
    {
        var after = before.Anticipate(events.Select(e => e(before.Id)));
        return PlanRules.NoLongerLawful(before, AssessmentContext.Of(after, Today, RuleSet.Default));
    }

    [Fact]
    public void A_plan_that_ends_on_its_last_lawful_day_stands_and_one_day_more_in_the_window_breaks_it()
    {
        // 80 days used up to yesterday + 10 planned = 90: lawful to the last day.
        var traveller = Registered(SpainPlan());
        Assert.Empty(Write(traveller, Entry("in", 80), Exit("out", 1)));

        // One more day inside the window (a day trip 100 days ago): the plan's last day becomes the 91st.
        traveller = traveller.Anticipate([Entry("in", 80)(traveller.Id), Exit("out", 1)(traveller.Id)]);
        var warning = Assert.Single(Write(traveller, Entry("day-in", 100), Exit("day-out", 100)));
        Assert.Equal(PlanRules.PlanNoLongerLawful, warning.Threshold);
        Assert.Equal("schengen", warning.Regime);
        Assert.Equal("summer", warning.Facts.PlanId);
        Assert.Equal("ES", warning.Facts.StayEntryCountry);
        Assert.Equal(Today.AddDays(1), warning.Facts.StayEntryDate);
        Assert.Equal(Today.AddDays(9), warning.LastLawfulDay);
        Assert.Equal(9, warning.DaysRemaining); // nine of the ten planned days are still lawful
        Assert.Equal(91, warning.DaysUsed);
        Assert.EndsWith(":planNoLongerLawful:1", warning.WarningId);
    }

    [Fact]
    public void A_plan_already_unlawful_before_the_write_is_not_warned_again()
    {
        var traveller = Registered(SpainPlan(), Entry("in", 85));
        var broken = Assert.Single(Write(Registered(SpainPlan()), Entry("in", 85)));
        Assert.Equal(PlanRules.PlanNoLongerLawful, broken.Threshold);
        // The exit that follows keeps the plan unlawful: no second warning for the same change.
        Assert.Empty(Write(traveller.Anticipate([broken]), Exit("out", 1)));
    }

    [Fact]
    public void A_plan_made_lawful_again_and_broken_again_warns_once_more_under_a_new_id()
    {
        var before = Registered(SpainPlan());
        var first = Assert.Single(Write(before, Entry("in", 85)));
        var traveller = before.Anticipate([Entry("in", 85)(before.Id), first]);

        // The entry is voided (keyed with the wrong date): the plan is lawful again and its warning is withdrawn.
        Assert.Empty(Write(traveller, t => new CrossingVoided(t, "in", "wrong date")));
        traveller = traveller.Anticipate([new CrossingVoided(traveller.Id, "in", "wrong date")]);
        var withdrawn = Assert.Single(WarningRules.Withdrawals(AssessmentContext.Of(traveller, Today, RuleSet.Default)));
        Assert.Equal(first.WarningId, withdrawn.WarningId);
        Assert.Contains("lawful again", withdrawn.Reason);
        traveller = traveller.Anticipate([withdrawn]);

        var second = Assert.Single(Write(traveller, Entry("in-again", 85)));
        Assert.EndsWith(":planNoLongerLawful:2", second.WarningId);
        Assert.NotEqual(first.WarningId, second.WarningId);
    }

    [Fact]
    public void A_plan_warning_stands_while_the_plan_is_unlawful_and_is_withdrawn_when_the_plan_is_cancelled()
    {
        var before = Registered(SpainPlan());
        var warning = Assert.Single(Write(before, Entry("in", 85)));
        var traveller = before.Anticipate([Entry("in", 85)(before.Id), warning]);
        Assert.Empty(WarningRules.Withdrawals(AssessmentContext.Of(traveller, Today, RuleSet.Default)));

        traveller = traveller.Anticipate([new PlanCancelled(traveller.Id, "summer", Today)]);
        var withdrawn = Assert.Single(WarningRules.Withdrawals(AssessmentContext.Of(traveller, Today, RuleSet.Default)));
        Assert.Equal(warning.WarningId, withdrawn.WarningId);
        Assert.Contains("cancelled", withdrawn.Reason);
        // Withdrawn once.
        Assert.Empty(WarningRules.Withdrawals(AssessmentContext.Of(traveller.Anticipate([withdrawn]), Today, RuleSet.Default)));
    }

    [Fact]
    public void Cancelled_plans_and_plans_under_way_raise_nothing()
    {
        var cancelled = Registered(SpainPlan(), t => new PlanCancelled(t, "summer", Today));
        Assert.Empty(Write(cancelled, Entry("in", 85)));

        var underWay = Registered(SpainPlan(fromInDays: 0));
        Assert.Empty(Write(underWay, Entry("in", 85)));
    }

    [Fact]
    public void A_plan_is_checked_on_its_own_not_counting_other_plans()
    {
        // Two plans of 50 days each: together over 90, each alone lawful.
        var traveller = Registered(SpainPlan("a", 1, 50), SpainPlan("b", 60, 50));
        var answers = traveller.Plans.Plans.Select(p => PlanRules.Check(p, traveller.ToTravelHistory(RuleSet.Default), traveller.Visas.Visas, traveller.Authorisations, RuleSet.Default));
        Assert.All(answers, a => Assert.True(PlanRules.Lawful(a)));
        Assert.Empty(Write(traveller, Entry("in", 20), Exit("out", 15)));
    }

    [Fact]
    public void The_plan_book_keeps_the_first_content_and_a_cancellation_once()
    {
        var traveller = Registered(SpainPlan(), t => new PlanCancelled(t, "summer", Today), t => new PlanCancelled(t, "summer", Today.AddDays(3)));
        var plan = Assert.Single(traveller.Plans.Plans);
        Assert.False(plan.Active);
        Assert.Equal(Today, plan.CancelledOn);
        Assert.True(plan.Recorded.SameContentAs((PlanRecorded)SpainPlan()(traveller.Id)));
        Assert.Equal(["legs"], plan.Recorded.DifferencesFrom((PlanRecorded)SpainPlan(days: 11)(traveller.Id)));
    }
}
