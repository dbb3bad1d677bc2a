using Ledger.AdminAudit;
using Ledger.Access;
using Ledger.Problems;
using Marten;
using Wolverine.Http;

namespace Ledger.Webhooks;

/// <summary>
/// A subscription registered with a token that has since been revoked receives nothing: it is paused when the token is
/// revoked (in the revocation's transaction), and found paused by fan-out and delivery through this node's revocation
/// list as well (a subscription registered on another node in the seconds before that node heard of the revocation).
/// Its warnings are kept as failed deliveries, which can be replayed once an admin has re-registered it. The pause
/// outlives the revocation row: only re-registration lifts it.
/// </summary>
public static class WebhookPause
{
    public const string Reason = "not sent: the subscription is paused (registered with a revoked token) until an admin re-registers it";

    public static bool IsPaused(WebhookSubscription subscription, RevokedTokens revoked) =>
        subscription.Paused || revoked.IsRevoked(subscription.RegisteredWith);

    /// <summary>Pauses every subscription the token registered (in the caller's session: with the revocation).</summary>
    public static async Task PauseRegisteredWithAsync(IDocumentSession session, string jti, CancellationToken ct)
    {
        foreach (var subscription in await session.Query<WebhookSubscription>().Where(s => s.RegisteredWith == jti && !s.Paused).ToListAsync(ct))
            session.Store(subscription with { Paused = true });
    }
}

/// <summary>An admin takes a paused subscription back into service: it is registered anew with the admin's token.</summary>
public static class WebhookRegistrationEndpoint
{
    /// <summary>
    /// 200 with the subscription, no longer paused, now registered with the calling admin's token (revoking that token
    /// pauses it again). Its owner, and so what it receives, are unchanged. Failed deliveries can then be replayed.
    /// </summary>
    [WolverinePost("/webhooks/{id}/registration")]
    public static async Task<SubscriptionView> Reregister(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (!Caller.Of(http).Is(Role.Admin)) throw LedgerProblem.Forbidden("re-registering a webhook subscription is for admins");
        var subscription = await session.LoadAsync<WebhookSubscription>(id, ct)
            ?? throw LedgerProblem.NotFound($"webhook subscription {id} does not exist");
        var registered = subscription with { RegisteredWith = TokenId.Of(http), Paused = false };
        session.Store(registered);
        AuditTrail.Record(session, Caller.Of(http), AdminActs.WebhookReregistered, id.ToString());
        return WebhookEndpoints.View(registered);
    }
}
