namespace Ledger.Projections.Permits;

public enum PermitKind { ResidencePermit, LongStayVisa, PermanentResidence }

/// <summary>
/// A residence permit, long-stay visa or permanent residence granted by <see cref="Country"/>, valid First..Last
/// (inclusive). Days spent in that country while it is valid do not count towards short-stay limits.
/// </summary>
public sealed record PermitRecorded(Guid TravellerId, string PermitId, string Country, PermitKind Kind, DateOnly First, DateOnly Last);
