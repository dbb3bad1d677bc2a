using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Tests.Travellers;

/// <summary><see cref="TravellerProjection.Evolve(Traveller?, object)"/>: the one function that changes a traveller.</summary>
public class TravellerProjectionTests
{
    public static readonly Guid Id = Guid.NewGuid();
    public static Traveller Registered(params string[] nationalities) =>
        TravellerProjection.Evolve(null, new TravellerRegistered(Id, nationalities, DateTimeOffset.UnixEpoch))!;

    public static EntryRecorded Entry(string id, string country, DateOnly date) => new(Id, id, country, date, null, null, null, CrossingSource.BorderSystem);
    public static ExitRecorded Exit(string id, string country, DateOnly date) => new(Id, id, country, date, null, null, null, CrossingSource.BorderSystem);

    [Fact]
    public void A_registration_starts_every_book_empty_and_nothing_comes_before_it()
    {
        Assert.Null(TravellerProjection.Evolve(null, Entry("in", "FR", new DateOnly(2025, 1, 1))));
        var t = Registered("US");
        Assert.Equal(["US"], t.Nationalities);
        Assert.Empty(t.Crossings.Pair(RuleSet.Default).Stays);
        Assert.Empty(t.Permits);
        Assert.Empty(t.Evidence.Recorded);
        Assert.Empty(t.Warnings.Issued);
        Assert.Empty(t.Movements);
        Assert.Empty(t.Plans.Active);
    }

    [Fact]
    public void Anticipating_events_is_folding_them_and_an_unknown_event_changes_nothing()
    {
        var t = Registered("US");
        var events = new object[] { Entry("in", "FR", new DateOnly(2025, 1, 1)), "not an event of the traveller", Exit("out", "FR", new DateOnly(2025, 1, 10)) };
        var folded = events.Aggregate(t, (s, e) => TravellerProjection.Evolve(s, e)!);
        var anticipated = t.Anticipate(events);
        var stay = Assert.Single(anticipated.Crossings.Pair(RuleSet.Default).Stays);
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 10)), (stay.Entry, stay.Exit!.Value));
        Assert.Equal(folded.Crossings.Pair(RuleSet.Default).Stays, anticipated.Crossings.Pair(RuleSet.Default).Stays);
        Assert.Same(t, TravellerProjection.Evolve(t, "not an event of the traveller"));
    }
}
