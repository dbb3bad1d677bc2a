using Ledger.Projections.StayRules;
using Ledger.Access;
using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Permits;
using Ledger.Projections.Sharing;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Travellers;
using Ledger.TravelAuthorisations;
using Ledger.Visas;
using Marten;
using Wolverine.Http;

namespace Ledger.Sharing;

public sealed record Shared<T>(T Record, string Holder, string SharedUnder);

/// <summary>
/// What the requesting state sees. <see cref="EmptyBecause"/> says, for each kind of record the view shows none of, why:
/// the ledger holds none of that kind, or no arrangement covers those it holds for this state. <see cref="Reason"/>
/// says it for the whole view when nothing at all is shown (null otherwise).
/// </summary>
public sealed record SharedRecordsView(
    Guid TravellerId, string Requester,
    IReadOnlyList<Shared<VisaOnDay>> Visas, IReadOnlyList<Shared<VisaApplication>> VisaApplications, IReadOnlyList<Shared<Refusal>> VisaRefusals,
    IReadOnlyList<Shared<Crossing>> Crossings, IReadOnlyList<Shared<PermitRecorded>> Permits, IReadOnlyList<Shared<Incident>> Incidents,
    IReadOnlyList<Shared<Anomaly>> Anomalies, string? Reason, IReadOnlyDictionary<string, string> EmptyBecause,
    IReadOnlyList<Shared<SharedAuthorisation>> TravelAuthorisations, IReadOnlyList<Shared<AuthorisationEvent>> TravelAuthorisationRefusals);

public static class SharedRecordsEndpoint
{
    /// <summary>
    /// What a requesting state would see of this traveller's records under the arrangements in sharing.json.
    /// Each record is held by one state (the visa's issuer, the authorisation's scheme state, the crossing's country, the incident's jurisdiction);
    /// expunged incidents are never shared. Anomalies are derived from crossings and shared like them, held by the
    /// country of the crossing that anchors them; the crossing ids they name may include crossings not shared.
    /// </summary>
    [WolverineGet("/travellers/{id}/shared-records")]
    public static async Task<SharedRecordsView> Get(Guid id, string? requester, IQuerySession session, RuleSet stayRules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // A partner is answered as its own state; readers of the whole record may ask as any state.
        var state = Caller.Of(http).SharedRecordsRequester(id, requester);
        http.Items[Ledger.AccessLog.RecordAccess.RequesterItem] = state;
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rules = SharingRules.Default;

        // Citizens and permanent residents of the holder on the day asked, and since when (nationality, PR permits, PR visa categories).
        var own = OwnPeople.Of(traveller, today, VisaCategories.Default);

        // Per kind: what was shown, and the holders of what the ledger holds (to say why a kind shows nothing).
        var held = new List<(string Kind, int Shown, IReadOnlyList<string> Holders)>();
        List<Shared<T>> Select<T>(string name, IEnumerable<T> records, Func<T, string> holderOf, RecordKind kind, Func<T, DateOnly?> dateOf)
        {
            var all = records.Select(r => (r, holder: holderOf(r))).ToList();
            var shown = all
                .Select(x => (x.r, x.holder, under: rules.SharedUnder(x.holder, state, kind, own, dateOf(x.r))))
                .Where(x => x.under is not null)
                .Select(x => new Shared<T>(x.r, x.holder, x.under!))
                .ToList();
            held.Add((name, shown.Count, all.Select(x => x.holder).Distinct().Order(StringComparer.Ordinal).ToList()));
            return shown;
        }

        // Each visa with its status derived today (expired, entries used, ...), as GET .../visas shows it.
        var visas = Select("visas", traveller.Visas.Visas.Select(v => GetVisasEndpoint.OnDay(v, today, traveller, stayRules)), v => v.IssuingState, RecordKind.Visas, v => v.IssuedOn);
        var applications = Select("visaApplications", traveller.Visas.Applications, a => a.State, RecordKind.Visas, a => a.Date);
        var refusals = Select("visaRefusals", traveller.Visas.Refusals, r => r.State, RecordKind.Visas, r => r.Date);
        // Travel authorisations follow visas: granted ones with their status today (a revoked one shows revoked), and refusals.
        var authorisations = Select("travelAuthorisations", AuthorisationSharing.Granted(traveller.Authorisations, today),
            a => AuthorisationSharing.HolderFor(a.Scheme, a.State, state), RecordKind.Visas, a => a.Granted);
        var authorisationRefusals = Select("travelAuthorisationRefusals", AuthorisationSharing.Refusals(traveller.Authorisations),
            a => AuthorisationSharing.HolderFor(a.Scheme, a.State, state), RecordKind.Visas, a => a.Date);
        var crossings = Select("crossings", traveller.Crossings.Current.Order(Crossing.ByWhenItHappened), c => c.Country, RecordKind.Crossings, c => c.Date);
        var permits = Select("permits", traveller.Permits, p => p.Country, RecordKind.Permits, p => p.First);
        var incidents = Ledger.Incidents.IncidentSharing.Shared(traveller.Incidents.Visible, state, rules, own);
        held.Add(("incidents", incidents.Count, traveller.Incidents.Visible.Select(i => i.Jurisdiction).Distinct().Order(StringComparer.Ordinal).ToList()));
        var anomalies = Select("anomalies", traveller.Records(stayRules).Anomalies, a => a.Country, RecordKind.Crossings, a => a.UncertainFrom);

        var emptyBecause = held.Where(h => h.Shown == 0).ToDictionary(h => h.Kind, h => h.Holders.Count == 0
            ? "the ledger holds none of this kind for this traveller"
            : $"no sharing arrangement covers these records for {state}: they are held by {string.Join(", ", h.Holders)}");
        string? reason = null;
        if (held.All(h => h.Shown == 0))
        {
            var holders = held.SelectMany(h => h.Holders).Distinct().Order(StringComparer.Ordinal).ToList();
            reason = holders.Count == 0
                ? "the ledger holds no record of the kinds shared (visas, applications, refusals, travel authorisations, crossings, permits, incidents) for this traveller"
                : $"no sharing arrangement covers this traveller's records for {state}: they are held by {string.Join(", ", holders)}";
        }
        return new SharedRecordsView(id, state, visas, applications, refusals, crossings, permits, incidents, anomalies, reason, emptyBecause, authorisations, authorisationRefusals);
    }
}
