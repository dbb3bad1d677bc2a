using Ledger.Projections.Stays;
using Ledger.Projections.Tests.Travellers;

namespace Ledger.Projections.Tests.Stays;

/// <summary>Crossings per country and day: keyed by the crossing's own country and day, so a late arrival lands on its day.</summary>
public class BorderTrafficTests
{
    [Fact]
    public void Entries_and_exits_count_on_the_crossings_own_country_and_day()
    {
        var day = new DateOnly(2025, 3, 1);
        var projection = new CrossingTrafficProjection();
        var view = new BorderTraffic { Id = BorderTraffic.KeyFor("FR", day) };
        projection.Apply(view, TravellerProjectionTests.Entry("a", "FR", day));
        projection.Apply(view, TravellerProjectionTests.Entry("b", "FR", day));
        projection.Apply(view, TravellerProjectionTests.Exit("c", "FR", day));
        Assert.Equal(("FR", day, 2, 1), (view.Country, view.Date, view.Entries, view.Exits));
        Assert.Equal("FR:2025-03-01", BorderTraffic.KeyFor("FR", day));
        Assert.NotEqual(BorderTraffic.KeyFor("FR", day), BorderTraffic.KeyFor("FR", day.AddDays(1)));
    }
}
