namespace Ledger.Projections.Crossings;

/// <summary>A crossing recorded by mistake (wrong traveller, duplicate under another id). It stays in the stream; it stops counting.</summary>
public sealed record CrossingVoided(Guid TravellerId, string CrossingId, string Reason);

/// <summary>A crossing's content replaced by corrected content; the original event stays in the stream.</summary>
public sealed record CrossingCorrected(
    Guid TravellerId, string CrossingId, Direction Direction, string Country, DateOnly Date, TimeOnly? Time,
    string? TimeZone, string? BorderPoint, CrossingSource Source, string Reason);
