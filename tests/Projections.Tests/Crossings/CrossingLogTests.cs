using Ledger.Projections.Crossings;

namespace Ledger.Projections.Tests.Crossings;

public class CrossingLogTests
{
    private static readonly Guid Traveller = Guid.NewGuid();

    private static EntryRecorded Entry(string id, int day) =>
        new(Traveller, id, "FR", new DateOnly(2024, 5, day), null, null, null, CrossingSource.BorderSystem);

    [Fact]
    public void Corrections_and_voids_change_the_current_crossings_and_keep_what_was_first_recorded()
    {
        var log = CrossingLog.Empty.Record(Entry("a", 1)).Record(Entry("b", 10));
        log = log.Correct(new CrossingCorrected(Traveller, "a", Direction.Entry, "DE", new DateOnly(2024, 5, 2), null, null, null, CrossingSource.BorderSystem, "typo"));
        log = log.Correct(new CrossingCorrected(Traveller, "a", Direction.Entry, "IT", new DateOnly(2024, 5, 3), null, null, null, CrossingSource.BorderSystem, "again"));
        log = log.Void(new CrossingVoided(Traveller, "b", "wrong person"));

        Assert.Equal("IT", Assert.Single(log.Current).Country);
        Assert.Equal("FR", log.FirstRecorded("a")!.Country);          // the original, not the first correction
        Assert.Equal(new DateOnly(2024, 5, 10), log.FirstRecorded("b")!.Date);
        Assert.Null(log.Find("b"));
        Assert.Equal(2, log.Recorded);
        Assert.Equal(2, log.Replaced.Count);
    }

    [Fact]
    public void An_untouched_crossing_is_kept_once()
    {
        var log = CrossingLog.Empty.Record(Entry("a", 1));
        Assert.Empty(log.Replaced);
        Assert.Same(log.Find("a"), log.FirstRecorded("a"));
    }
}
