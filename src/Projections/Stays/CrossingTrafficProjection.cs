using Ledger.Projections.Crossings;
using Marten.Events.Projections;

namespace Ledger.Projections.Stays;

/// <summary>
/// Asynchronous multi-stream projection, run by the daemon that Wolverine distributes (never HotCold, see docs/operations.md).
/// Keyed by the crossing's own country and day, so late arrivals land on the right day.
/// </summary>
public sealed partial class CrossingTrafficProjection : MultiStreamProjection<BorderTraffic, string>
{
    public CrossingTrafficProjection()
    {
        Identity<EntryRecorded>(e => BorderTraffic.KeyFor(e.Country, e.Date));
        Identity<ExitRecorded>(e => BorderTraffic.KeyFor(e.Country, e.Date));
    }

    public void Apply(BorderTraffic view, EntryRecorded e)
    {
        (view.Country, view.Date) = (e.Country, e.Date);
        view.Entries++;
    }

    public void Apply(BorderTraffic view, ExitRecorded e)
    {
        (view.Country, view.Date) = (e.Country, e.Date);
        view.Exits++;
    }
}
