namespace Ledger.Projections.Crossings;

/// <summary>What the records of one area leave unexplained.</summary>
public enum AnomalyKind
{
    /// <summary>Two entries into the same area with no exit between them.</summary>
    MissingExit,
    /// <summary>An exit with no entry before it since the previous exit in the area.</summary>
    MissingEntry,
    /// <summary>Records of evidently the same crossing from different sources whose dates differ.</summary>
    ConflictingRecords,
}

/// <summary><c>open</c>: some uncertain days are unsettled; <c>resolved</c>: all settled by evidence or a decision;
/// <c>decidedByPrecedence</c>: conflicting records settled by the source precedence of the rule data.</summary>
public enum AnomalyStatus { Open, Resolved, DecidedByPrecedence }

/// <summary>How an anomaly's days were settled: by evidence (named), or by a caseworker's decision (presumption + reason).</summary>
public sealed record AnomalyResolution(string By, IReadOnlyList<string> EvidenceIds, string? Presumption, string? Reason);

/// <summary>
/// A gap or contradiction in the crossings of one area, derived from the records as they stand (never stored: a late
/// record that explains it makes it disappear). <see cref="AnomalyId"/> is derived from the crossings involved.
/// <see cref="UncertainFrom"/>..<see cref="UncertainTo"/> (both inclusive) are the days it leaves uncertain; null when none.
/// <see cref="Country"/> is the country whose membership and permits decide whether those days count.
/// For conflicting records, <see cref="CountedCrossingId"/> is the record that counts (source precedence) and
/// <see cref="PrecedenceSource"/> the rule it follows; the others are listed in <see cref="CrossingIds"/>, not dropped.
/// </summary>
public sealed record Anomaly(
    string AnomalyId, AnomalyKind Kind, string Area, string Country, IReadOnlyList<string> CrossingIds,
    DateOnly? UncertainFrom, DateOnly? UncertainTo, string? CountedCrossingId = null, string? PrecedenceSource = null,
    AnomalyStatus Status = AnomalyStatus.Open, AnomalyResolution? Resolution = null)
{
    public int UncertainDays => UncertainFrom is { } f && UncertainTo is { } t ? t.DayNumber - f.DayNumber + 1 : 0;
}

/// <summary>Pairing's answer: stays (days certainly present) and anomalies (with the days they leave uncertain).</summary>
public sealed record Pairing(IReadOnlyList<Ledger.Projections.StayRules.Stay> Stays, IReadOnlyList<Anomaly> Anomalies)
{
    public static readonly Pairing Empty = new([], []);
}
