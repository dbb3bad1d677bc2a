using Ledger.Projections.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.Incidents;
using Ledger.Projections.Permits;
using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;
using Ledger.Projections.Warnings;

namespace Ledger.Projections.Travellers;

/// <summary>
/// One traveller's stream, projected inline (same transaction as the events, so a read right after a write sees it):
/// the write model commands decide against, and what the reads show (crossings, permits, visa book, incident record).
/// Immutable: Marten builds a new instance per event; handlers never mutate it (they may anticipate a copy).
/// </summary>
public sealed record Traveller(
    Guid Id, IReadOnlyList<string> Nationalities, CrossingLog Crossings, IReadOnlyList<PermitRecorded> Permits,
    VisaBook Visas, IncidentBook Incidents, IReadOnlyList<string> IssuedWarnings, EvidenceBook? Evidence = null)
{
    public static Traveller Create(TravellerRegistered e) =>
        new(e.TravellerId, e.Nationalities, CrossingLog.Empty, [], VisaBook.Empty, IncidentBook.Empty, [], EvidenceBook.Empty);

    /// <summary>Evidence and anomaly decisions (empty for snapshots written before evidence existed).</summary>
    public EvidenceBook EvidenceOrEmpty => Evidence ?? EvidenceBook.Empty;

    public Traveller Apply(EntryRecorded e) => this with { Crossings = Crossings.Record(e) };
    public Traveller Apply(ExitRecorded e) => this with { Crossings = Crossings.Record(e) };
    public Traveller Apply(CrossingVoided e) => this with { Crossings = Crossings.Void(e) };
    public Traveller Apply(CrossingCorrected e) => this with { Crossings = Crossings.Correct(e) };
    public Traveller Apply(PermitRecorded e) => this with { Permits = [.. Permits, e] };
    public Traveller Apply(VisaApplied e) => this with { Visas = Visas.Apply(e) };
    public Traveller Apply(VisaIssued e) => this with { Visas = Visas.Apply(e) };
    public Traveller Apply(VisaRefused e) => this with { Visas = Visas.Apply(e) };
    public Traveller Apply(VisaRevoked e) => this with { Visas = Visas.Apply(e) };
    public Traveller Apply(VisaExtended e) => this with { Visas = Visas.Apply(e) };
    public Traveller Apply(IncidentRecorded e) => this with { Incidents = Incidents.Apply(e) };
    public Traveller Apply(IncidentResolved e) => this with { Incidents = Incidents.Apply(e) };
    public Traveller Apply(IncidentExpunged e) => this with { Incidents = Incidents.Apply(e) };
    public Traveller Apply(WarningIssued e) => this with { IssuedWarnings = [.. IssuedWarnings, e.WarningId] };
    public Traveller Apply(EvidenceRecorded e) => this with { Evidence = EvidenceOrEmpty.Apply(e) };
    public Traveller Apply(EvidenceVoided e) => this with { Evidence = EvidenceOrEmpty.Apply(e) };
    public Traveller Apply(AnomalyResolved e) => this with { Evidence = EvidenceOrEmpty.Apply(e) };

    /// <summary>The state after <paramref name="events"/>, for handlers that must look at the consequences of their decision.</summary>
    public Traveller Anticipate(IEnumerable<object> events) => events.Aggregate(this, (t, e) => e switch
    {
        EntryRecorded x => t.Apply(x),
        ExitRecorded x => t.Apply(x),
        CrossingVoided x => t.Apply(x),
        CrossingCorrected x => t.Apply(x),
        PermitRecorded x => t.Apply(x),
        VisaApplied x => t.Apply(x),
        VisaIssued x => t.Apply(x),
        VisaRefused x => t.Apply(x),
        VisaRevoked x => t.Apply(x),
        VisaExtended x => t.Apply(x),
        IncidentRecorded x => t.Apply(x),
        IncidentResolved x => t.Apply(x),
        IncidentExpunged x => t.Apply(x),
        WarningIssued x => t.Apply(x),
        EvidenceRecorded x => t.Apply(x),
        EvidenceVoided x => t.Apply(x),
        AnomalyResolved x => t.Apply(x),
        _ => t,
    });

    /// <summary>
    /// What the stay-rule engine needs: stays (paired from the crossings as they now stand), permits and long-stay D
    /// visas (which act as permits of their state), nationalities. Computed on read, not stored: pairing is
    /// microseconds, and the day counts move with the calendar anyway.
    /// </summary>
    public TravelHistory ToTravelHistory(RuleSet rules) => Records(rules).History;

    /// <summary>
    /// The travel history (stays and the uncertain days left after evidence and decisions) and every anomaly the
    /// crossings show, with its status. Derived on read from the records as they stand.
    /// </summary>
    public TravellerRecords Records(RuleSet rules)
    {
        var settled = Settlement.Settle(Crossings.Pair(rules), EvidenceOrEmpty, rules);
        var history = new TravelHistory(settled.Stays,
            Permits.Select(p => new Permit(p.Country, p.First, p.Last)).Concat(LongStayVisaCover()).ToList(),
            Nationalities, settled.Uncertain);
        return new TravellerRecords(history, settled.Anomalies);
    }

    /// <summary>
    /// A D visa covers its validity; a revoked one only until the day before its revocation; an annulled one never
    /// (annulment means its conditions were never met).
    /// </summary>
    private IEnumerable<Permit> LongStayVisaCover()
    {
        foreach (var v in Visas.Visas.Where(v => v.Type == VisaType.D && v.Status != VisaStatus.Annulled))
        {
            var last = v.Status == VisaStatus.Revoked && v.EndedOn is { } ended && ended.AddDays(-1) < v.ValidUntil ? ended.AddDays(-1) : v.ValidUntil;
            if (last >= v.ValidFrom) yield return new Permit(v.IssuingState, v.ValidFrom, last);
        }
    }
}

/// <summary>A traveller's travel history for the engine, and the anomalies of their crossings (with status).</summary>
public sealed record TravellerRecords(TravelHistory History, IReadOnlyList<Anomaly> Anomalies);
