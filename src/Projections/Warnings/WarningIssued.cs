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
public sealed record WarningIssued(
    Guid TravellerId, string WarningId, string Regime, string Threshold, int DaysUsed, int DaysRemaining,
    DateOnly? LastLawfulDay, WarningFacts Facts);
