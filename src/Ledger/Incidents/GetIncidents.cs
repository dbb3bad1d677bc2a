using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Incidents;

public static class GetIncidentsEndpoint
{
    /// <summary>The incident record as it stands: expunged incidents are not shown.</summary>
    [WolverineGet("/travellers/{id}/incidents")]
    public static async Task<IReadOnlyList<Incident>> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        return (await TravellerReads.LoadAsync(session, id, null, ct)).Incidents.Visible.ToList();
    }
}
