using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Permits;
using Ledger.Projections.Sharing;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Travellers;
using Ledger.Visas;
using Marten;
using Wolverine.Http;

namespace Ledger.Sharing;

public sealed record Shared<T>(T Record, string Holder, string SharedUnder);

public sealed record SharedRecordsView(
    Guid TravellerId, string Requester,
    IReadOnlyList<Shared<VisaOnDay>> Visas, IReadOnlyList<Shared<VisaApplication>> VisaApplications, IReadOnlyList<Shared<Refusal>> VisaRefusals,
    IReadOnlyList<Shared<Crossing>> Crossings, IReadOnlyList<Shared<PermitRecorded>> Permits, IReadOnlyList<Shared<Incident>> Incidents,
    IReadOnlyList<Shared<Anomaly>> Anomalies);

public static class SharedRecordsEndpoint
{
    /// <summary>
    /// What a requesting state would see of this traveller's records under the arrangements in sharing.json.
    /// Each record is held by one state (the visa's issuer, the crossing's country, the incident's jurisdiction);
    /// expunged incidents are never shared. Anomalies are derived from crossings and shared like them, held by the
    /// country of the crossing that anchors them; the crossing ids they name may include crossings not shared.
    /// </summary>
    [WolverineGet("/travellers/{id}/shared-records")]
    public static async Task<SharedRecordsView> Get(Guid id, string? requester, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // A partner is answered as its own state; readers of the whole record may ask as any state.
        var state = Caller.Of(http).SharedRecordsRequester(id, requester);
        http.Items[Ledger.AccessLog.RecordAccess.RequesterItem] = state;
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rules = SharingRules.Default;

        // Citizens and permanent residents of the holder on the day asked, and since when (nationality, PR permits, PR visa categories).
        var own = OwnPeople.Of(traveller, today, VisaCategories.Default);

        List<Shared<T>> Select<T>(IEnumerable<T> records, Func<T, string> holderOf, RecordKind kind, Func<T, DateOnly?> dateOf) =>
            records.Select(r => (r, holder: holderOf(r)))
                .Select(x => (x.r, x.holder, under: rules.SharedUnder(x.holder, state, kind, own, dateOf(x.r))))
                .Where(x => x.under is not null)
                .Select(x => new Shared<T>(x.r, x.holder, x.under!))
                .ToList();

        return new SharedRecordsView(id, state,
            // Each visa with its status derived today (expired, entries used, ...), as GET .../visas shows it.
            Select(traveller.Visas.Visas.Select(v => GetVisasEndpoint.OnDay(v, today, traveller)), v => v.IssuingState, RecordKind.Visas, v => v.IssuedOn),
            Select(traveller.Visas.Applications, a => a.State, RecordKind.Visas, a => a.Date),
            Select(traveller.Visas.Refusals, r => r.State, RecordKind.Visas, r => r.Date),
            Select(traveller.Crossings.Current.Order(Crossing.ByWhenItHappened), c => c.Country, RecordKind.Crossings, c => c.Date),
            Select(traveller.Permits, p => p.Country, RecordKind.Permits, p => p.First),
            Ledger.Incidents.IncidentSharing.Shared(traveller.Incidents.Visible, state, rules, own),
            Select(traveller.Records(Ledger.Projections.StayRules.RuleSet.Default).Anomalies, a => a.Country, RecordKind.Crossings, a => a.UncertainFrom));
    }
}
