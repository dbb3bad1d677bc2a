namespace Ledger.Projections.Visas;

/// <summary>A: airport transit; C: short stay (Schengen uniform visa); D: long stay (national).</summary>
public enum VisaType { A, C, D }

public enum VisaEntries { Single, Double, Multiple }

public sealed record VisaApplied(Guid TravellerId, string ApplicationId, string State, VisaType Type, DateOnly Date);

/// <summary>A visa granted: validity First..Until (inclusive), at most DurationDays days of stay, Entries allowed.</summary>
public sealed record VisaIssued(
    Guid TravellerId, string VisaId, string? ApplicationId, string IssuingState, VisaType Type, VisaEntries Entries,
    DateOnly ValidFrom, DateOnly ValidUntil, int DurationDays, DateOnly IssuedOn);

public sealed record VisaRefused(Guid TravellerId, string? ApplicationId, string State, DateOnly Date, string Ground);

public enum VisaEnding { Revoked, Annulled }

/// <summary>Revoked (conditions no longer met) or annulled (conditions were never met) by a state.</summary>
public sealed record VisaRevoked(Guid TravellerId, string VisaId, VisaEnding Kind, string State, DateOnly Date, string Reason);

public sealed record VisaExtended(Guid TravellerId, string VisaId, DateOnly ValidUntil, int DurationDays, DateOnly Date, string Reason);
