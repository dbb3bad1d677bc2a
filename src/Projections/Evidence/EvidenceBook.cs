namespace Ledger.Projections.Evidence;

/// <summary>The evidence and anomaly decisions on a traveller's record. Immutable.</summary>
public sealed record EvidenceBook(IReadOnlyList<EvidenceRecorded> Recorded, IReadOnlyList<string> Voided, IReadOnlyList<AnomalyResolved> Decisions)
{
    public static readonly EvidenceBook Empty = new([], [], []);

    /// <summary>Evidence that counts (not voided).</summary>
    public IEnumerable<EvidenceRecorded> Current => Recorded.Where(e => !Voided.Contains(e.EvidenceId));

    public EvidenceRecorded? Find(string evidenceId) => Recorded.FirstOrDefault(e => e.EvidenceId == evidenceId);

    public bool IsVoided(string evidenceId) => Voided.Contains(evidenceId);

    /// <summary>The decision that counts for an anomaly: the latest.</summary>
    public AnomalyResolved? DecisionOn(string anomalyId) => Decisions.LastOrDefault(d => d.AnomalyId == anomalyId);

    public EvidenceBook Apply(EvidenceRecorded e) => this with { Recorded = [.. Recorded, e] };
    public EvidenceBook Apply(EvidenceVoided e) => this with { Voided = [.. Voided, e.EvidenceId] };
    public EvidenceBook Apply(AnomalyResolved e) => this with { Decisions = [.. Decisions, e] };
}
