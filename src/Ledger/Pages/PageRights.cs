using Ledger.Access;

namespace Ledger.Pages;

/// <summary>
/// What a page offers is decided by the API's own rights checks (<see cref="Caller"/>): a check is run as the API runs
/// it (<see cref="Caller.Allows"/>), and its refusal (403) reads as "no". So a form or a link appears exactly when the
/// API would let it through.
/// </summary>
public static class PageRights
{
    /// <summary>The signed-in principal, or null on a page opened without a token.</summary>
    public static Caller? Of(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirst("sub") is not null ? Caller.Of(http) : null;

    /// <summary>May this principal read records other than its own (caseworkers, auditors, admins)? Asked as <see cref="Caller.MayRead"/> on a record that is nobody's.</summary>
    public static bool MayReadOthers(Caller caller) => Caller.Allows(() => caller.MayRead(Guid.NewGuid()));

    /// <summary>Record ids (crossing, warning, visa ids) are shown, behind a "details" disclosure, to caseworkers, auditors and admins only.</summary>
    public static bool SeesRecordIds(Caller? caller) => caller is not null && (caller.Is(Role.Caseworker) || caller.Is(Role.Auditor) || caller.Is(Role.Admin));
}
