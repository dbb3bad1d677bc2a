namespace Ledger.Projections.Evidence;

public enum EvidenceKind { BoardingPass, Stamp, Ticket, ResidenceRecord, Other }

public enum Presumption { Present, Absent }

/// <summary>
/// Evidence that the traveller was in <see cref="PresentIn"/> (a country) or not in <see cref="AbsentFrom"/> (a regime
/// id or a country outside every regime) on every day from <see cref="First"/> to <see cref="Last"/>, both inclusive.
/// Exactly one of the two is set. It settles uncertain days only; it never overrides a recorded crossing.
/// </summary>
public sealed record EvidenceRecorded(
    Guid TravellerId, string EvidenceId, EvidenceKind Kind, string? PresentIn, string? AbsentFrom, DateOnly First, DateOnly Last,
    string Source, string? Note);

/// <summary>Evidence recorded by mistake: it stays in the stream and stops settling anything.</summary>
public sealed record EvidenceVoided(Guid TravellerId, string EvidenceId, string Reason);

/// <summary>
/// A caseworker's decision on an anomaly: every uncertain day of it is taken as present or absent. The latest decision
/// on an anomaly counts; it applies to the anomaly's days as they stand (a late record can make the anomaly vanish).
/// </summary>
public sealed record AnomalyResolved(Guid TravellerId, string AnomalyId, Presumption Presumption, string Reason);
