using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Visas;

public static class GetVisasEndpoint
{
    /// <summary>Applications (with their outcome), visas (with their current status) and refusals.</summary>
    [WolverineGet("/travellers/{id}/visas")]
    public static async Task<VisaBook> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        return (await TravellerReads.LoadAsync(session, id, null, ct)).Visas;
    }
}
