namespace Ledger.Access;

/// <summary>
/// The one place the token slice reports an admin's act (a token revoked, a webhook subscription re-registered) to the
/// admin audit trail (<c>GET /admin/audit</c>), which is built apart from this slice and wired in here. Until it is,
/// nothing is written: the acts themselves are on record (the revocation row, the subscription's registering token).
/// </summary>
public static class AdminActs
{
    /// <param name="act">What was done, in words (e.g. "token revoked").</param>
    /// <param name="target">What it was done to: a token's jti, a subscription's id. Never personal data.</param>
    /// <param name="session">The act's own session: an entry stored here commits (or not) with the act.</param>
    public static void Record(HttpContext http, Marten.IDocumentSession session, string act, string target)
    {
        _ = (http, session, act, target);
    }
}
