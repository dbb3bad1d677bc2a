using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.Crossings;

public class StayPairingTests
{
    private static readonly RuleSet Rules = RuleSet.Default;

    private static Crossing C(string id, Direction d, string country, string date, int order) =>
        new(id, d, country, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null, null, null, CrossingSource.BorderSystem, order);

    [Fact]
    public void Entering_France_and_leaving_from_Germany_is_one_Schengen_stay()
    {
        var stays = StayPairing.Stays([C("a", Direction.Entry, "FR", "2024-05-01", 0), C("b", Direction.Exit, "DE", "2024-05-10", 1)], Rules);
        Assert.Equal(new Stay(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 10), "FR"), Assert.Single(stays));
    }

    [Fact]
    public void Crossings_pair_by_date_not_by_arrival_and_areas_pair_on_their_own()
    {
        var stays = StayPairing.Stays([
            C("exit", Direction.Exit, "FR", "2024-05-10", 0),
            C("tr-in", Direction.Entry, "TR", "2024-05-11", 1),
            C("entry", Direction.Entry, "FR", "2024-05-01", 2),
        ], Rules);
        Assert.Equal(2, stays.Count);
        Assert.Contains(new Stay(new DateOnly(2024, 5, 11), null, "TR"), stays);
    }

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static Crossing S(string id, Direction d, string country, string date, CrossingSource source) =>
        C(id, d, country, date, 0) with { Source = source };

    [Fact]
    public void A_second_entry_without_exit_in_the_same_area_is_a_missing_exit_leaving_the_days_between_uncertain()
    {
        var pairing = StayPairing.Pair([C("first", Direction.Entry, "FR", "2024-05-01", 0), C("second", Direction.Entry, "IT", "2024-05-05", 1)], Rules);
        var anomaly = Assert.Single(pairing.Anomalies);
        Assert.Equal(("missingExit:first+second", AnomalyKind.MissingExit, "schengen"), (anomaly.AnomalyId, anomaly.Kind, anomaly.Area));
        // The first entry's day and the second's are present; the days strictly between them are uncertain.
        Assert.Equal((D("2024-05-02"), D("2024-05-04")), (anomaly.UncertainFrom!.Value, anomaly.UncertainTo!.Value));
        Assert.Equal([new Stay(D("2024-05-01"), D("2024-05-01"), "FR"), new Stay(D("2024-05-05"), null, "IT")], pairing.Stays);
        // Entering another area is not an anomaly.
        Assert.Empty(StayPairing.Pair([C("first", Direction.Entry, "FR", "2024-05-01", 0), C("tr", Direction.Entry, "TR", "2024-05-05", 1)], Rules).Anomalies);
    }

    [Fact]
    public void An_exit_with_no_entry_leaves_the_look_back_uncertain_or_back_to_the_previous_exit()
    {
        var alone = Assert.Single(StayPairing.Pair([C("out", Direction.Exit, "DE", "2024-05-10", 0)], Rules).Anomalies);
        Assert.Equal(("missingEntry:out", AnomalyKind.MissingEntry), (alone.AnomalyId, alone.Kind));
        // 90 days of look-back (rule data), the exit day included: 2024-02-11 .. 2024-05-10. Nothing is certainly present.
        Assert.Equal((D("2024-02-11"), D("2024-05-10"), 90), (alone.UncertainFrom!.Value, alone.UncertainTo!.Value, alone.UncertainDays));
        Assert.Empty(StayPairing.Pair([C("out", Direction.Exit, "DE", "2024-05-10", 0)], Rules).Stays);
        Assert.Equal(90, Rules.RecordsOf("schengen").MissingEntryLookBackDays);

        var afterExit = StayPairing.Pair([
            C("in-1", Direction.Entry, "FR", "2024-05-01", 0), C("out-1", Direction.Exit, "FR", "2024-05-10", 1),
            C("out-2", Direction.Exit, "FR", "2024-06-01", 2)], Rules);
        var gap = Assert.Single(afterExit.Anomalies);
        Assert.Equal(("missingEntry:out-2", D("2024-05-11"), D("2024-06-01")), (gap.AnomalyId, gap.UncertainFrom!.Value, gap.UncertainTo!.Value));
    }

    [Fact]
    public void A_late_entry_that_fills_the_gap_makes_the_anomaly_disappear()
    {
        List<Crossing> crossings = [
            C("in-1", Direction.Entry, "FR", "2024-05-01", 0), C("out-2", Direction.Exit, "FR", "2024-06-01", 1),
            C("out-1", Direction.Exit, "FR", "2024-05-10", 2)];
        Assert.Single(StayPairing.Pair(crossings, Rules).Anomalies);
        var complete = StayPairing.Pair([.. crossings, C("in-2", Direction.Entry, "FR", "2024-05-20", 3)], Rules);
        Assert.Empty(complete.Anomalies);
        Assert.Equal(2, complete.Stays.Count);
    }

    [Fact]
    public void A_stamp_and_a_system_record_a_day_apart_are_one_crossing_and_precedence_follows_the_period()
    {
        // During the EES transition (Reg. (EU) 2017/2226 Art. 22) the stamp prevails.
        var transition = StayPairing.Pair([
            S("stamp", Direction.Entry, "FR", "2026-01-05", CrossingSource.PassportStamp),
            S("ees", Direction.Entry, "FR", "2026-01-06", CrossingSource.BorderSystem)], Rules);
        var conflict = Assert.Single(transition.Anomalies);
        Assert.Equal((AnomalyKind.ConflictingRecords, "stamp", AnomalyStatus.DecidedByPrecedence), (conflict.Kind, conflict.CountedCrossingId, conflict.Status));
        Assert.Equal(["ees", "stamp"], conflict.CrossingIds);
        Assert.Contains("Art. 22", conflict.PrecedenceSource);
        Assert.Equal(0, conflict.UncertainDays);
        Assert.Equal(new Stay(D("2026-01-05"), null, "FR"), Assert.Single(transition.Stays));

        // After it, the system record prevails.
        var after = StayPairing.Pair([
            S("stamp", Direction.Entry, "FR", "2026-06-01", CrossingSource.PassportStamp),
            S("ees", Direction.Entry, "FR", "2026-06-02", CrossingSource.BorderSystem)], Rules);
        Assert.Equal("ees", Assert.Single(after.Anomalies).CountedCrossingId);
        Assert.Equal(new Stay(D("2026-06-02"), null, "FR"), Assert.Single(after.Stays));

        // Without the other record, the conflict disappears.
        Assert.Empty(StayPairing.Pair([S("stamp", Direction.Entry, "FR", "2026-01-05", CrossingSource.PassportStamp)], Rules).Anomalies);

        // Records that agree on the date are one crossing and no anomaly; records of one source are never merged.
        Assert.Empty(StayPairing.Pair([
            S("stamp", Direction.Entry, "FR", "2026-06-01", CrossingSource.PassportStamp),
            S("ees", Direction.Entry, "FR", "2026-06-01", CrossingSource.BorderSystem)], Rules).Anomalies);
        Assert.Equal(AnomalyKind.MissingExit, Assert.Single(StayPairing.Pair([
            S("a", Direction.Entry, "FR", "2026-06-01", CrossingSource.BorderSystem),
            S("b", Direction.Entry, "FR", "2026-06-02", CrossingSource.BorderSystem)], Rules).Anomalies).Kind);
    }

    [Fact]
    public void Pairing_depends_on_the_set_of_crossings_not_on_their_arrival_order()
    {
        Crossing[] crossings = [
            C("in-1", Direction.Entry, "FR", "2024-05-01", 0), C("out-1", Direction.Exit, "DE", "2024-05-10", 0),
            C("in-2", Direction.Entry, "FR", "2024-05-10", 0), C("out-2", Direction.Exit, "FR", "2024-06-01", 0),
            C("in-3", Direction.Entry, "IT", "2024-06-01", 0)];
        var expected = StayPairing.Pair(crossings.Select((c, i) => c with { ArrivalOrder = i }), Rules);
        Assert.Empty(expected.Anomalies);
        foreach (var order in Permutations(Enumerable.Range(0, crossings.Length).ToList()))
        {
            var pairing = StayPairing.Pair(order.Select((index, arrival) => crossings[index] with { ArrivalOrder = arrival }), Rules);
            Assert.Equal(expected.Stays, pairing.Stays);
            Assert.Equal(expected.Anomalies.Select(a => a.AnomalyId), pairing.Anomalies.Select(a => a.AnomalyId));
        }
    }

    internal static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1) { yield return items; yield break; }
        foreach (var item in items)
            foreach (var rest in Permutations(items.Where(i => i != item).ToList()))
                yield return [item, .. rest];
    }
}
