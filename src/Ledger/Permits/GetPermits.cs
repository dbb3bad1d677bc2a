using Ledger.Access;
using Ledger.Projections.Permits;
using Ledger.Projections.Travellers;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Permits;

public static class GetPermitsEndpoint
{
    [WolverineGet("/travellers/{id}/permits")]
    public static async Task<IReadOnlyList<PermitRecorded>> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        return (await TravellerReads.LoadAsync(session, id, null, ct)).Permits;
    }
}
