using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Tests.Warnings;

/// <summary>Warnings and overstay incidents from the per-visit rules and the Nordic sub-count, at their edges.</summary>
public class VisitWarningRulesTests
{
    private static readonly int[] Thresholds = [15, 5, 0, -1];
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static Traveller Of(string nationality, params Func<Guid, object>[] events)
    {
        var id = Guid.NewGuid();
        var t = Traveller.FromRegistration(new TravellerRegistered(id, [nationality], DateTimeOffset.UnixEpoch));
        return t.Anticipate(events.Select(e => e(id)));
    }

    private static Func<Guid, object> In(string id, string country, string date, string? admittedUntil = null) =>
        t => new EntryRecorded(t, id, country, D(date), null, null, null, CrossingSource.BorderSystem, admittedUntil is null ? null : D(admittedUntil));

    private static Func<Guid, object> Out(string id, string country, string date) =>
        t => new ExitRecorded(t, id, country, D(date), null, null, null, CrossingSource.BorderSystem);

    private static WarningRules.Assessment Assess(Traveller t, string today) =>
        WarningRules.Assess(AssessmentContext.Of(t, D(today), RuleSet.Default), _ => Thresholds);

    private static List<object> Incidents(Traveller t, string today) =>
        OverstayDetection.Changes(AssessmentContext.Of(t, D(today), RuleSet.Default)).ToList();

    // A US national in the UK from 10 January 2025: six months, last lawful day 9 July.
    private static readonly Traveller InLondon = Of("US", In("gb-in", "GB", "2025-01-10"));

    [Fact]
    public void A_uk_visit_warns_15_days_before_its_last_lawful_day_and_schedules_the_next_thresholds()
    {
        Assert.Empty(Assess(InLondon, "2025-06-23").DueNow);
        Assert.Contains(D("2025-06-24"), Assess(InLondon, "2025-06-23").CheckOn);

        var assessment = Assess(InLondon, "2025-06-24");
        var warning = Assert.Single(assessment.DueNow);
        Assert.Equal("15-days-left", warning.Threshold);
        Assert.Equal("uk-visitor", warning.Regime);
        Assert.Equal($"{InLondon.Id:N}:gb-in:uk-visitor:15-days-left", warning.WarningId);
        Assert.Equal(D("2025-07-09"), warning.LastLawfulDay);
        Assert.Equal(15, warning.DaysRemaining);
        Assert.Equal(166, warning.DaysUsed);
        Assert.Equal(("gb-in", "GB", D("2025-01-10"), 181), (warning.Facts.StayEntryCrossingId, warning.Facts.StayEntryCountry, warning.Facts.WindowStart, warning.Facts.LimitDays));
        Assert.Equal([D("2025-07-04"), D("2025-07-09"), D("2025-07-10")], assessment.CheckOn);
    }

    [Fact]
    public void Day_n_of_a_uk_visit_is_its_last_lawful_day_and_day_n_plus_1_starts_the_overstay_and_an_incident()
    {
        var lastDay = Assess(InLondon, "2025-07-09");
        Assert.Equal(["last-lawful-day"], lastDay.DueNow.Select(w => w.Threshold)); // the most severe of those passed
        Assert.Equal([D("2025-07-10")], lastDay.CheckOn);
        Assert.Empty(Incidents(InLondon, "2025-07-09"));

        var warned = InLondon.Anticipate(lastDay.DueNow);
        var dayAfter = Assert.Single(Assess(warned, "2025-07-10").DueNow);
        Assert.Equal("overstay-started", dayAfter.Threshold);
        Assert.Null(dayAfter.LastLawfulDay);
        Assert.Empty(Assess(warned.Anticipate([dayAfter]), "2025-07-10").DueNow); // once

        var incident = Assert.IsType<IncidentRecorded>(Assert.Single(Incidents(InLondon, "2025-07-10")));
        Assert.Equal(OverstayDetection.IncidentIdFor("uk-visitor", D("2025-07-10")), incident.IncidentId);
        Assert.Equal("GB", incident.Jurisdiction);
        Assert.Equal(D("2025-07-10"), incident.Date);
        // Idempotent: the same overstay, a day longer, is the same incident.
        Assert.Empty(Incidents(InLondon.Anticipate([incident]), "2025-07-11"));
        // An exit recorded later on the last lawful day retracts the ledger's own finding.
        var left = InLondon.Anticipate([incident, Out("gb-out", "GB", "2025-07-09")(InLondon.Id)]);
        Assert.IsType<IncidentExpunged>(Assert.Single(Incidents(left, "2025-07-11")));
    }

    [Fact]
    public void A_traveller_who_left_or_a_national_gets_nothing()
    {
        var left = InLondon.Anticipate([Out("gb-out", "GB", "2025-06-01")(InLondon.Id)]);
        Assert.Empty(Assess(left, "2025-07-20").DueNow);
        Assert.Empty(Assess(left, "2025-07-20").CheckOn);
        var british = Of("GB", In("gb-in", "GB", "2020-01-10"));
        Assert.Empty(Assess(british, "2025-07-20").DueNow);
        Assert.Empty(Incidents(british, "2025-07-20"));
    }

    [Fact]
    public void Days_under_a_student_visa_are_not_a_visit_and_a_stay_going_on_after_it_counts_as_one_from_the_next_day()
    {
        var student = Of("IN", In("gb-in", "GB", "2024-09-10"), t => new VisaIssued(t, "st", null, "GB", "STUDENT", VisaEntries.Multiple,
            D("2024-09-01"), D("2026-01-31"), 500, D("2024-08-20")));
        Assert.Empty(Assess(student, "2025-12-01").DueNow);
        Assert.Empty(Incidents(student, "2025-12-01"));

        // From 1 February 2026 a visit: six months, last lawful day 31 July.
        var warning = Assert.Single(Assess(student, "2026-07-16").DueNow);
        Assert.Equal(("uk-visitor", "15-days-left", D("2026-07-31"), "gb-in"),
            (warning.Regime, warning.Threshold, warning.LastLawfulDay, warning.Facts.StayEntryCrossingId));

        // A visitor visa is no other permission: the visitor rule counts its holder.
        var visitor = Of("IN", In("gb-in", "GB", "2025-01-10"), t => new VisaIssued(t, "sv", null, "GB", "SV", VisaEntries.Multiple,
            D("2025-01-01"), D("2026-12-31"), 180, D("2024-12-20")));
        Assert.Equal(OverstayDetection.IncidentIdFor("uk-visitor", D("2025-07-10")),
            Assert.IsType<IncidentRecorded>(Assert.Single(Incidents(visitor, "2025-07-10"))).IncidentId);
    }

    [Fact]
    public void A_canadian_officers_earlier_date_brings_the_warnings_forward()
    {
        var t = Of("US", In("ca-in", "CA", "2025-01-10", admittedUntil: "2025-02-01"));
        Assert.Empty(Assess(t, "2025-01-16").DueNow);
        var warning = Assert.Single(Assess(t, "2025-01-17").DueNow);
        Assert.Equal(("canada-visitor", "15-days-left", D("2025-02-01")), (warning.Regime, warning.Threshold, warning.LastLawfulDay));
        Assert.Equal(23, warning.Facts.LimitDays);
        Assert.Equal("overstay-started", Assert.Single(Assess(t, "2025-02-02").DueNow).Threshold);
        Assert.Equal(OverstayDetection.IncidentIdFor("canada-visitor", D("2025-02-02")),
            Assert.IsType<IncidentRecorded>(Assert.Single(Incidents(t, "2025-02-02"))).IncidentId);
    }

    [Fact]
    public void A_canadian_officers_later_date_pushes_them_past_six_months()
    {
        var t = Of("US", In("ca-in", "CA", "2025-01-10", admittedUntil: "2025-12-31"));
        // 9 and 10 July would be the last lawful day and the overstay without the officer's date.
        Assert.Empty(Assess(t, "2025-07-09").DueNow);
        Assert.Empty(Assess(t, "2025-07-10").DueNow);
        Assert.Empty(Incidents(t, "2025-07-10"));
        Assert.Equal(D("2025-12-16"), Assess(t, "2025-07-10").CheckOn[0]);
        Assert.Equal("last-lawful-day", Assert.Single(Assess(t, "2025-12-31").DueNow).Threshold);
    }

    [Fact]
    public void A_trip_to_canada_inside_a_vwp_stay_does_not_restart_the_90_days_of_its_warnings()
    {
        // A British national in the US from 1 January (90 days: last lawful day 31 March), in Canada 1 to 10 February.
        var viaCanada = Of("GB", In("us-in", "US", "2025-01-01"), Out("us-out", "US", "2025-02-01"),
            In("ca-in", "CA", "2025-02-01"), Out("ca-out", "CA", "2025-02-10"), In("us-back", "US", "2025-02-10"));
        var warning = Assert.Single(Assess(viaCanada, "2025-03-16").DueNow);
        Assert.Equal(("us-vwp", "15-days-left", D("2025-03-31")), (warning.Regime, warning.Threshold, warning.LastLawfulDay));
        Assert.Equal("us-in", warning.Facts.StayEntryCrossingId); // the admission's entry, not the return
        Assert.Equal(75, warning.DaysUsed);
        Assert.Equal(OverstayDetection.IncidentIdFor("us-vwp", D("2025-04-01")),
            Assert.IsType<IncidentRecorded>(Assert.Single(Incidents(viaCanada, "2025-04-01"))).IncidentId);

        // While in Canada nothing is due under us-vwp: the traveller is not inside its area.
        Assert.DoesNotContain(Assess(viaCanada, "2025-02-05").DueNow, w => w.Regime == "us-vwp");

        // The same trip to the UK instead restarts the count: a new admission from 10 February.
        var viaLondon = Of("GB", In("us-in", "US", "2025-01-01"), Out("us-out", "US", "2025-02-01"),
            In("fr-in", "FR", "2025-02-01"), Out("fr-out", "FR", "2025-02-10"), In("us-back", "US", "2025-02-10"));
        Assert.Empty(Assess(viaLondon, "2025-03-16").DueNow);
        Assert.Empty(Incidents(viaLondon, "2025-04-01"));
    }

    // A US national: 90 days in France (1 March to 29 May), then Denmark from 30 May under the agreement: 90 more days
    // in the Nordic states, last lawful day 27 August.
    private static readonly Traveller InDenmark = Of("US", In("fr-in", "FR", "2025-03-01"), Out("fr-out", "FR", "2025-05-29"),
        In("dk-in", "DK", "2025-05-30"));

    [Fact]
    public void The_nordic_sub_count_warns_on_its_own_days_and_the_schengen_count_stays_quiet()
    {
        var first = Assess(InDenmark, "2025-05-30");
        Assert.Empty(first.DueNow); // not "overstay-started" under Schengen: these days are not Schengen days
        Assert.Equal(D("2025-08-12"), first.CheckOn[0]);

        var warning = Assert.Single(Assess(InDenmark, "2025-08-12").DueNow);
        Assert.Equal(("denmark-nordic-bilateral", "15-days-left", D("2025-08-27")), (warning.Regime, warning.Threshold, warning.LastLawfulDay));
        Assert.Equal(("dk-in", 75, 90), (warning.Facts.StayEntryCrossingId, warning.DaysUsed, warning.Facts.LimitDays));
    }

    [Fact]
    public void The_nordic_sub_count_exhausted_starts_an_overstay_of_its_own()
    {
        Assert.Equal("last-lawful-day", Assert.Single(Assess(InDenmark, "2025-08-27").DueNow).Threshold);
        Assert.Empty(Incidents(InDenmark, "2025-08-27"));

        var over = Assert.Single(Assess(InDenmark, "2025-08-28").DueNow);
        Assert.Equal(("denmark-nordic-bilateral", "overstay-started"), (over.Regime, over.Threshold));
        var incident = Assert.IsType<IncidentRecorded>(Assert.Single(Incidents(InDenmark, "2025-08-28")));
        Assert.Equal(OverstayDetection.IncidentIdFor("denmark-nordic-bilateral", D("2025-08-28")), incident.IncidentId);
        Assert.Equal("DK", incident.Jurisdiction);
    }

    [Fact]
    public void A_visit_warning_is_withdrawn_when_its_entry_is_voided_or_moved_so_the_threshold_was_not_reached()
    {
        var warning = Assert.Single(Assess(InLondon, "2025-06-24").DueNow);
        var warned = InLondon.Anticipate([warning]);
        var history = warned.ToTravelHistory(RuleSet.Default);
        Assert.Empty(WarningRules.Withdrawals(AssessmentContext.Of(warned, D("2025-06-25"), RuleSet.Default))); // it was right

        var voided = warned.Anticipate([new CrossingVoided(warned.Id, "gb-in", "keyed twice")]);
        Assert.Contains("voided", Assert.Single(WarningRules.Withdrawals(AssessmentContext.Of(voided, D("2025-06-25"), RuleSet.Default))).Reason);

        var moved = warned.Anticipate([new CrossingCorrected(warned.Id, "gb-in", Direction.Entry, "GB", D("2025-02-10"), null, null, null,
            CrossingSource.BorderSystem, "stamp misread")]);
        var withdrawn = Assert.Single(WarningRules.Withdrawals(AssessmentContext.Of(moved, D("2025-06-25"), RuleSet.Default)));
        Assert.Equal(warning.WarningId, withdrawn.WarningId);
        Assert.Contains("was not reached", withdrawn.Reason);
    }
}
