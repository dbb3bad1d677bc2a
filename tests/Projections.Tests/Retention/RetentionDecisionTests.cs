using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Retention;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;

namespace Ledger.Projections.Tests.Retention;

/// <summary>The pure decision, with dates relative to today: what goes, what stays, which notices fall due.</summary>
public class RetentionDecisionTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly RetentionPolicies Policies = RetentionPolicies.Default;
    private static readonly RuleSet Rules = RuleSet.Default;

    private static Traveller Of(string nationality, params object[] events)
    {
        var id = Guid.NewGuid();
        return Traveller.FromRegistration(new TravellerRegistered(id, [nationality], DateTimeOffset.UtcNow)).Anticipate(events);
    }

    private static EntryRecorded Entry(string id, DateOnly day, CrossingSource source = CrossingSource.BorderSystem, string country = "FR") =>
        new(Guid.Empty, id, country, day, null, null, "BP", source);

    private static ExitRecorded Exit(string id, DateOnly day, CrossingSource source = CrossingSource.BorderSystem, string country = "FR") =>
        new(Guid.Empty, id, country, day, null, null, "BP", source);

    private static RetentionVerdict Decide(Traveller t, DateOnly? on = null, FileErasure? pending = null) =>
        RetentionDecision.Decide(t, on ?? Today, Policies, Rules, pending);

    [Fact]
    public void A_stay_whose_exit_is_over_3_years_old_is_erased_and_last_years_stays()
    {
        var t = Of("US",
            Entry("old-in", Today.AddYears(-3).AddDays(-40)), Exit("old-out", Today.AddYears(-3).AddDays(-10)),
            Entry("new-in", Today.AddYears(-1).AddDays(-20)), Exit("new-out", Today.AddYears(-1)));
        var verdict = Decide(t);
        Assert.Equal(["old-in", "old-out"], verdict.Expired.Select(r => r.RecordId).Order());
        Assert.All(verdict.Expired, r => Assert.Equal("ees-art34-1", r.PolicyId));
        Assert.Null(verdict.File);
        Assert.Empty(verdict.Notices);
    }

    [Fact]
    public void The_period_runs_to_the_day_before_the_anniversary_of_the_exit_and_the_record_goes_on_it()
    {
        var exit = Today.AddYears(-3);
        var t = Of("US", Entry("in", exit.AddDays(-5)), Exit("out", exit), Entry("later", Today.AddDays(-2)));
        Assert.Equal(2, Decide(t).Expired.Count); // kept 3 years from the exit: erased on its third anniversary
        Assert.Empty(Decide(t, Today.AddDays(-1)).Expired); // the day before, still kept
    }

    [Fact]
    public void Self_reported_records_and_records_of_holders_without_a_policy_are_kept()
    {
        var old = Today.AddYears(-4);
        var t = Of("US",
            Entry("self-in", old, CrossingSource.SelfReported), Exit("self-out", old.AddDays(10), CrossingSource.SelfReported),
            Entry("ie-in", old.AddDays(20), country: "IE"), Exit("ie-out", old.AddDays(30), country: "IE"),
            Entry("gb-in", old.AddDays(40), country: "GB"), Exit("gb-out", old.AddDays(50), country: "GB"));
        var verdict = Decide(t);
        Assert.Empty(verdict.Expired);
        Assert.Null(verdict.File);
    }

    [Fact]
    public void Citizens_of_the_EU_and_the_EEA_are_not_third_country_nationals()
    {
        var old = Today.AddYears(-4);
        foreach (var nationality in new[] { "DE", "IE", "CY", "NO", "CH" })
            Assert.Empty(Decide(Of(nationality, Entry("in", old), Exit("out", old.AddDays(10)))).Expired);
        Assert.Equal(2, Decide(Of("GB", Entry("in", old), Exit("out", old.AddDays(10)))).Expired.Count);
    }

    [Fact]
    public void An_overstayer_under_5_years_gets_a_notice_inside_the_3_months_and_is_not_erased()
    {
        // The Schengen 90/180 rule: an entry with no exit is authorised through its 90th day.
        var erasureDay = Today.AddMonths(2);
        var authorisedEnd = erasureDay.AddYears(-5);
        var t = Of("US", Entry("in", authorisedEnd.AddDays(-89)));
        var verdict = Decide(t);
        Assert.Empty(verdict.Expired);
        Assert.Null(verdict.File);
        var notice = Assert.Single(verdict.Notices);
        Assert.Equal("ees-art34-3", notice.Record.PolicyId);
        Assert.Equal(erasureDay, notice.Record.ErasureDay);
        Assert.Equal("FR", notice.Record.Holder);
        // Outside the 3 months: no notice yet.
        Assert.Empty(Decide(t, erasureDay.AddMonths(-3).AddDays(-1)).Notices);
        Assert.Single(Decide(t, erasureDay.AddMonths(-3)).Notices);
    }

    [Fact]
    public void An_overstayer_over_5_years_is_erased_with_the_file()
    {
        var t = Of("US", Entry("in", Today.AddYears(-5).AddDays(-100)));
        var verdict = Decide(t);
        Assert.Equal("in", Assert.Single(verdict.Expired).RecordId);
        Assert.Equal("ees-art34-3", verdict.Expired[0].PolicyId);
        Assert.True(verdict.FileErasedOn(Today));
        Assert.Equal("ees-art34-3", verdict.File!.PolicyId);
    }

    [Fact]
    public void The_file_goes_3_years_and_1_day_after_the_last_exit_when_nothing_else_is_held()
    {
        var exit = Today.AddYears(-3);
        var t = Of("US", Entry("in", exit.AddDays(-5)), Exit("out", exit));
        var verdict = Decide(t);
        Assert.Equal(2, verdict.Expired.Count);
        Assert.Equal(new FileErasure("ees-art34-2", Today.AddDays(1)), verdict.File);
        Assert.False(verdict.FileErasedOn(Today));
        // The next day's sweep finds the records gone and the pending file due.
        var empty = Of("US");
        Assert.True(Decide(empty, Today.AddDays(1), verdict.File).FileErasedOn(Today.AddDays(1)));
        // A record still held (a visa, a self-reported stay) keeps the file.
        var withSelf = Of("US", Entry("in", exit.AddDays(-5)), Exit("out", exit), Entry("s", Today.AddDays(-3), CrossingSource.SelfReported));
        Assert.Null(Decide(withSelf, Today.AddDays(1)).File);
        // A file that never held a covered record stays.
        Assert.Null(Decide(empty).File);
        // The traveller came back before the day: the pending erasure no longer holds.
        var back = Of("US", Entry("back", Today.AddDays(-1)));
        Assert.Null(Decide(back, Today.AddDays(1), verdict.File).File);
    }

    [Fact]
    public void A_refusal_of_entry_is_kept_3_years_from_the_refusal()
    {
        var refused = new IncidentRecorded(Guid.Empty, "ref-1", "DE", Today.AddYears(-3).AddDays(-1), IncidentCategory.RefusalOfEntry,
            Severity.Low, "border", null);
        var t = Of("US", refused);
        var record = Assert.Single(Decide(t).Expired);
        Assert.Equal((RetainedKind.RefusalsOfEntry, "ref-1", "DE"), (record.Kind, record.RecordId, record.Holder));
        Assert.Empty(Decide(t, Today.AddDays(-2)).Expired);
    }

    [Fact]
    public void The_policies_cite_their_provisions_and_name_the_29_EES_states()
    {
        Assert.Equal(["ees-art34-1", "ees-art34-2", "ees-art34-3", "ees-art46"], Policies.Policies.Select(p => p.Id));
        Assert.All(Policies.Policies, p => Assert.StartsWith("Regulation (EU) 2017/2226", p.Source));
        var holders = Policies.Policies[0].Holders;
        Assert.Equal(29, holders.Count);
        Assert.DoesNotContain("CY", holders);
        Assert.DoesNotContain("IE", holders);
        Assert.Contains("IS", holders);
        Assert.Contains("CH", holders);
        Assert.Equal(new RetentionPeriod(Months: 3), Policies.Find("ees-art34-3")!.NotifyBefore);
    }

    [Fact]
    public void Invalid_policy_files_are_refused_with_every_problem_named()
    {
        var e = Assert.Throws<RuleSetException>(() => RetentionPolicies.Parse("""
            { "version": "x", "policies": [ { "id": "a", "plainWords": "p", "holders": ["XX"], "recordKinds": ["crossings"],
              "sources": ["selfReported"], "keep": {}, "from": "exitOrRefusal", "source": "" } ] }
            """, "t.json"));
        Assert.Contains("policies[0].source must cite", e.Message);
        Assert.Contains("'XX' is not an ISO", e.Message);
        Assert.Contains("selfReported records are kept until the traveller erases them", e.Message);
        Assert.Contains("policies[0].keep must be a positive period", e.Message);
        Assert.Throws<RuleSetException>(() => RetentionPolicies.Parse("""{ "version": "x", "policies": [], "extra": 1 }""", "t"));
    }
}
