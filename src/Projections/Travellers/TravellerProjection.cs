using JasperFx.Events;
using Ledger.Projections.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.Incidents;
using Ledger.Projections.Movements;
using Ledger.Projections.Permits;
using Ledger.Projections.Plans;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Visas;
using Ledger.Projections.Warnings;
using Marten.Events.Aggregation;

namespace Ledger.Projections.Travellers;

/// <summary>
/// The traveller's snapshot, kept inline (same transaction as the events, so a read right after a write sees it):
/// every event goes through <see cref="Evolve(Traveller?, object)"/>, the same function handlers use to anticipate.
/// </summary>
public sealed class TravellerProjection : SingleStreamProjection<Traveller, Guid>
{
    public override Traveller? Evolve(Traveller? snapshot, Guid id, IEvent e) => Evolve(snapshot, e.Data);

    /// <summary>
    /// The one place an event changes a traveller: used by the inline snapshot,
    /// by time travel, and by handlers that anticipate the state their decision leads to (<see cref="Traveller.Anticipate"/>).
    /// An event it does not know leaves the traveller as it is (events of other read models share the stream).
    /// </summary>
    public static Traveller? Evolve(Traveller? traveller, object e) => (traveller, e) switch
    {
        (null, TravellerRegistered x) => Traveller.FromRegistration(x),
        (null, _) => null,
        (var t, EntryRecorded x) => t with { Crossings = t.Crossings.Record(x) },
        (var t, ExitRecorded x) => t with { Crossings = t.Crossings.Record(x) },
        (var t, CrossingVoided x) => t with { Crossings = t.Crossings.Void(x) },
        (var t, CrossingCorrected x) => t with { Crossings = t.Crossings.Correct(x) },
        (var t, PermitRecorded x) => t with { Permits = [.. t.Permits, x] },
        (var t, VisaApplied x) => t with { Visas = t.Visas.Apply(x) },
        // A Canadian eTA recorded as a visa (type ETA) before eTAs had their own record stays a visa and is read as an eTA.
        (var t, VisaIssued x) when TravelAuthorisationBook.IsLegacyEta(x) =>
            t with { Visas = t.Visas.Apply(x), Authorisations = t.Authorisations.ApplyLegacy(x) },
        (var t, VisaIssued x) => t with { Visas = t.Visas.Apply(x) },
        (var t, TravelAuthorisationGranted x) => t with { Authorisations = t.Authorisations.Apply(x, SchemeState(x.Scheme)) },
        (var t, TravelAuthorisationRefused x) => t with { Authorisations = t.Authorisations.Apply(x, SchemeState(x.Scheme)) },
        (var t, TravelAuthorisationRevoked x) => t with { Authorisations = t.Authorisations.Apply(x) },
        (var t, VisaRefused x) => t with { Visas = t.Visas.Apply(x) },
        (var t, VisaRevoked x) => t with { Visas = t.Visas.Apply(x) },
        (var t, VisaExtended x) => t with { Visas = t.Visas.Apply(x) },
        (var t, VisaApplicationWithdrawn x) => t with { Visas = t.Visas.Apply(x) },
        (var t, VisaRecordVoided x) => t with { Visas = t.Visas.Apply(x) },
        (var t, IncidentRecorded x) => t with { Incidents = t.Incidents.Apply(x) },
        (var t, IncidentResolved x) => t with { Incidents = t.Incidents.Apply(x) },
        (var t, IncidentExpunged x) => t with { Incidents = t.Incidents.Apply(x) },
        (var t, IncidentOutcomeRecorded x) => t with { Incidents = t.Incidents.Apply(x) },
        (var t, IncidentLinked x) => t with { Incidents = t.Incidents.Apply(x) },
        (var t, WarningIssued x) => t with { Warnings = t.Warnings.Apply(x) },
        (var t, WarningWithdrawn x) => t with { Warnings = t.Warnings.Apply(x) },
        (var t, EvidenceRecorded x) => t with { Evidence = t.Evidence.Apply(x) },
        (var t, EvidenceVoided x) => t with { Evidence = t.Evidence.Apply(x) },
        (var t, AnomalyResolved x) => t with { Evidence = t.Evidence.Apply(x) },
        (var t, MovementRecorded x) => t with { Movements = [.. t.Movements, x] },
        (var t, PlanRecorded x) => t with { Plans = t.Plans.Apply(x) },
        (var t, PlanCancelled x) => t with { Plans = t.Plans.Apply(x) },
        (var t, _) => t,
    };

    /// <summary>The state (or area id) a scheme admits to, as the data names it; the scheme id itself if the data no longer lists it.</summary>
    private static string SchemeState(string scheme) =>
        TravelAuthorisationSchemes.Default.Find(scheme) is { } s ? s.State ?? s.Area ?? scheme : scheme;

}
