using Ledger.Projections.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.Evidence;

public class SettlementTests
{
    private static readonly RuleSet Rules = RuleSet.Default;
    private static readonly Guid Traveller = Guid.NewGuid();

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    // in-1 2024-05-01, in-2 2024-05-21: a missing exit, 2024-05-02 .. 2024-05-20 uncertain (19 days).
    private static readonly Pairing Gap = StayPairing.Pair([
        new Crossing("in-1", Direction.Entry, "FR", D("2024-05-01"), null, null, null, CrossingSource.BorderSystem, 0),
        new Crossing("in-2", Direction.Entry, "FR", D("2024-05-21"), null, null, null, CrossingSource.BorderSystem, 1)], Rules);

    private static EvidenceRecorded Present(string id, string country, string first, string last) =>
        new(Traveller, id, EvidenceKind.BoardingPass, country, null, D(first), D(last), "airline", null);

    private static EvidenceRecorded Absent(string id, string area, string first, string last) =>
        new(Traveller, id, EvidenceKind.ResidenceRecord, null, area, D(first), D(last), "registry", null);

    private static EvidenceBook Book(params EvidenceRecorded[] evidence) => evidence.Aggregate(EvidenceBook.Empty, (b, e) => b.Apply(e));

    [Fact]
    public void Without_evidence_every_day_of_the_gap_stays_uncertain()
    {
        var settled = Settlement.Settle(Gap, EvidenceBook.Empty, Rules);
        Assert.Equal(new UncertainDays("missingExit:in-1+in-2", "FR", D("2024-05-02"), D("2024-05-20")), Assert.Single(settled.Uncertain));
        Assert.Equal(AnomalyStatus.Open, Assert.Single(settled.Anomalies).Status);
    }

    [Fact]
    public void Evidence_settles_the_days_it_covers_and_resolves_the_anomaly_once_all_are_settled()
    {
        var partly = Settlement.Settle(Gap, Book(Present("bp", "DE", "2024-05-02", "2024-05-10")), Rules);
        Assert.Contains(new Stay(D("2024-05-02"), D("2024-05-10"), "FR"), partly.Stays);
        Assert.Equal(new UncertainDays("missingExit:in-1+in-2", "FR", D("2024-05-11"), D("2024-05-20")), Assert.Single(partly.Uncertain));
        Assert.Equal(AnomalyStatus.Open, Assert.Single(partly.Anomalies).Status);

        // Presence in Türkiye (another area) means absence from Schengen; a registry says the same of the rest.
        var all = Settlement.Settle(Gap, Book(Present("bp", "DE", "2024-05-02", "2024-05-10"), Present("tr", "TR", "2024-05-11", "2024-05-15"),
            Absent("reg", "schengen", "2024-05-16", "2024-06-30")), Rules);
        Assert.Empty(all.Uncertain);
        var anomaly = Assert.Single(all.Anomalies);
        Assert.Equal(AnomalyStatus.Resolved, anomaly.Status);
        Assert.Equal(["bp", "reg", "tr"], anomaly.Resolution!.EvidenceIds);
        Assert.Contains(new Stay(D("2024-05-02"), D("2024-05-10"), "FR"), all.Stays);
    }

    [Fact]
    public void Evidence_both_ways_on_a_day_leaves_it_uncertain_and_voided_evidence_settles_nothing()
    {
        var both = Settlement.Settle(Gap, Book(Present("bp", "FR", "2024-05-02", "2024-05-20"), Absent("reg", "FR", "2024-05-20", "2024-05-20")), Rules);
        Assert.Equal(new UncertainDays("missingExit:in-1+in-2", "FR", D("2024-05-20"), D("2024-05-20")), Assert.Single(both.Uncertain));

        var voided = Book(Present("bp", "FR", "2024-05-02", "2024-05-20")).Apply(new EvidenceVoided(Traveller, "bp", "wrong passenger"));
        Assert.Single(Settlement.Settle(Gap, voided, Rules).Uncertain);
    }

    [Theory]
    [InlineData(Presumption.Present, 19)]
    [InlineData(Presumption.Absent, 0)]
    public void A_decision_takes_every_uncertain_day_as_present_or_absent(Presumption presumption, int days)
    {
        var book = Book(Present("bp", "FR", "2024-05-02", "2024-05-03"))
            .Apply(new AnomalyResolved(Traveller, "missingExit:in-1+in-2", presumption, "traveller's statement, checked"));
        var settled = Settlement.Settle(Gap, book, Rules);
        Assert.Empty(settled.Uncertain);
        var anomaly = Assert.Single(settled.Anomalies);
        Assert.Equal(("decision", AnomalyStatus.Resolved), (anomaly.Resolution!.By, anomaly.Status));
        var check = new StayRuleEngine(Rules.Get("schengen")).Check(new TravelHistory(settled.Stays), D("2024-05-20"));
        Assert.Equal(1 + days, check.DaysUsed);
    }
}
