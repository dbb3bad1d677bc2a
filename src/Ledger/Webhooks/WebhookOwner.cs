using Ledger.Access;
using Ledger.Projections.Warnings;

namespace Ledger.Webhooks;

/// <summary>
/// Who created a subscription, with its roles and countries as they were then. A subscription is its owner's
/// standing read: it receives only warnings its owner could read, and only its owner (or an admin) manages it.
/// The snapshot is what the token said when subscribing; a principal whose rights shrink later must re-subscribe
/// (or an admin delete the old subscription), since the ledger has no directory to re-check them against.
/// </summary>
public sealed record WebhookOwner(string Subject, IReadOnlyList<Role> Roles, IReadOnlyList<string> Countries)
{
    public static WebhookOwner Of(Caller caller) =>
        new(caller.Subject, caller.Roles.Order().ToList(), caller.Countries.Order(StringComparer.Ordinal).ToList());

    /// <summary>
    /// The same scope as the alerts feed: an admin reads every warning, a caseworker those of stays that began in one
    /// of its countries. (Nobody else may subscribe.)
    /// </summary>
    public bool MayRead(WarningIssued warning) =>
        Roles.Contains(Role.Admin)
        || (Roles.Contains(Role.Caseworker) && Countries.Contains(warning.Facts.StayEntryCountry, StringComparer.Ordinal));
}

/// <summary>Who may see and act on a subscription or delivery.</summary>
public static class WebhookAccess
{
    /// <summary>
    /// The owner and admins. Anyone else is answered 404, exactly as for an id that does not exist (not 403): a
    /// refusal would confirm that another principal has a subscription or delivery with that id.
    /// </summary>
    public static bool MayManage(Caller caller, string? ownerSubject) =>
        caller.Is(Role.Admin) || (ownerSubject is not null && ownerSubject == caller.Subject);
}
