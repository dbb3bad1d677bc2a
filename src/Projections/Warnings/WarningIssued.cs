namespace Ledger.Projections.Warnings;

/// <summary>
/// The facts a warning was computed from, so a reader can check it without asking the ledger again. <see cref="PlanId"/>:
/// set on a plan's warning (PlanRules), whose stay fields then describe the planned leg that became unlawful.
/// </summary>
public sealed record WarningFacts(
    string StayEntryCrossingId, DateOnly StayEntryDate, string StayEntryCountry, DateOnly CheckedOn,
    DateOnly WindowStart, int LimitDays, string? VisaId, string? PlanId = null);

/// <summary>
/// A warning the ledger published (appended to the traveller's stream; the same transaction puts it in the outbox).
/// <see cref="WarningId"/> is derived from (traveller, stay, regime, threshold), so it is issued at most once.
/// </summary>
/// <remarks><see cref="Retention"/> is set on a retention notice only (threshold <c>retentionNotice</c>).</remarks>
public sealed record WarningIssued(
    Guid TravellerId, string WarningId, string Regime, string Threshold, int DaysUsed, int DaysRemaining,
    DateOnly? LastLawfulDay, WarningFacts Facts, RetentionNoticeFacts? Retention = null);

/// <summary>
/// A retention notice's own facts: the record (the stay whose entry the warning facts name) will be erased on
/// <see cref="ErasureDay"/> under <see cref="PolicyId"/>; <see cref="Holder"/> is the state told.
/// </summary>
public sealed record RetentionNoticeFacts(string PolicyId, DateOnly ErasureDay, string Holder);
