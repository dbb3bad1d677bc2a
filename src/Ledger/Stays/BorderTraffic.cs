using Ledger.Access;
using Ledger.Projections.Stays;
using Marten;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.Stays;

public static class BorderTrafficEndpoint
{
    /// <summary>Entries and exits recorded for one country on one day (async projection: eventually consistent).</summary>
    [WolverineGet("/border-traffic/{country}/{date}")]
    public static async Task<BorderTraffic> Get(string country, string date, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var key = BorderTraffic.KeyFor(Parse.Country(country, "country"), Parse.Date(date, "date"));
        Caller.Of(http).MayReadTraffic(country);
        return await session.LoadAsync<BorderTraffic>(key, ct)
            ?? new BorderTraffic { Id = key, Country = country, Date = Parse.Date(date, "date") };
    }
}
