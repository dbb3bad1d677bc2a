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

    [Fact]
    public void A_second_entry_without_exit_in_the_same_area_names_the_first()
    {
        var existing = new[] { C("first", Direction.Entry, "FR", "2024-05-01", 0) };
        var conflict = StayPairing.Conflict(existing, [C("second", Direction.Entry, "IT", "2024-05-05", 1)], Rules);
        Assert.Equal("first", conflict?.Conflicting?.CrossingId);
        // Entering another area is not a conflict.
        Assert.Null(StayPairing.Conflict(existing, [C("tr", Direction.Entry, "TR", "2024-05-05", 1)], Rules));
    }

    [Fact]
    public void A_late_exit_and_reentry_together_fit_between_existing_crossings()
    {
        var existing = new[] { C("in-1", Direction.Entry, "FR", "2024-05-01", 0), C("out-2", Direction.Exit, "FR", "2024-06-01", 1) };
        Assert.NotNull(StayPairing.Conflict(existing, [C("out-1", Direction.Exit, "FR", "2024-05-10", 2)], Rules));
        Assert.Null(StayPairing.Conflict(existing,
            [C("out-1", Direction.Exit, "FR", "2024-05-10", 2), C("in-2", Direction.Entry, "FR", "2024-05-20", 3)], Rules));
    }
}
