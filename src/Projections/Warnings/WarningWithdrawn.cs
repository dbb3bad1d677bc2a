namespace Ledger.Projections.Warnings;

/// <summary>
/// A warning the ledger takes back: a correction or void removed the facts it rested on (its stay's entry crossing is
/// gone or no longer an entry into the regime's area, or with the records as they now stand its threshold was not
/// reached on the day it was issued). Published like the warning itself (outbox, webhooks, <c>/alerts</c>) so
/// subscribers can retract it; carries the warning as issued. A withdrawn warning is never issued again.
/// </summary>
public sealed record WarningWithdrawn(Guid TravellerId, string WarningId, string Reason, DateOnly WithdrawnOn, WarningIssued Warning);
