using Ledger.Projections.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.Incidents;
using Ledger.Projections.Movements;
using Ledger.Projections.Permits;
using Ledger.Projections.Plans;
using Ledger.Projections.StayRules;
using Ledger.Projections.TravelAuthorisations;
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
    VisaBook Visas, IncidentBook Incidents, EvidenceBook Evidence, WarningBook Warnings,
    IReadOnlyList<MovementRecorded> Movements, PlanBook Plans,
    TravelAuthorisationBook Authorisations)
{
    /// <summary>
    /// Every book starts empty, so no part of a snapshot is ever null (a stored snapshot of an older shape is rebuilt
    /// from its events at start-up: <c>SnapshotUpgrade</c>).
    /// </summary>
    public static Traveller FromRegistration(TravellerRegistered e) =>
        new(e.TravellerId, e.Nationalities, CrossingLog.Empty, [], VisaBook.Empty, IncidentBook.Empty, EvidenceBook.Empty, WarningBook.Empty, [], PlanBook.Empty,
            TravelAuthorisationBook.Empty);

    /// <summary>The state after <paramref name="events"/>, for handlers that must look at the consequences of their decision.</summary>
    public Traveller Anticipate(IEnumerable<object> events) => events.Aggregate(this, (t, e) => TravellerProjection.Evolve(t, e)!);

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
        var settled = Settlement.Settle(Crossings.Pair(rules), Evidence, rules);
        var history = rules.WithAgreements(new TravelHistory(MovementSplit.Apply(settled.Stays, Movements, rules),
            Permits.Select(p => new Permit(p.Country, p.First, p.Last)).Concat(LongStayVisaCover()).ToList(),
            Nationalities, settled.Uncertain));
        return new TravellerRecords(history, settled.Anomalies);
    }

    /// <summary>
    /// A visa whose category exempts days from a regime (visa-categories.json: the Schengen D visa) acts as a permit of
    /// its state: it covers its validity; a revoked one only until the day before its revocation; an annulled one never
    /// (annulment means its conditions were never met).
    /// </summary>
    private IEnumerable<Permit> LongStayVisaCover()
    {
        foreach (var v in Visas.Visas.Where(v => v.Status != VisaStatus.Annulled &&
                     VisaCategories.Default.Find(v.IssuingState, v.Type) is { ExemptsFromRegimes.Count: > 0 }))
        {
            var last = v.Status == VisaStatus.Revoked && v.EndedOn is { } ended && ended.AddDays(-1) < v.ValidUntil ? ended.AddDays(-1) : v.ValidUntil;
            if (last >= v.ValidFrom) yield return new Permit(v.IssuingState, v.ValidFrom, last);
        }
    }
}

/// <summary>A traveller's travel history for the engine, and the anomalies of their crossings (with status).</summary>
public sealed record TravellerRecords(TravelHistory History, IReadOnlyList<Anomaly> Anomalies);
