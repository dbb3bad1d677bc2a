using Ledger.AdminAudit;
using Ledger.Problems;
using Ledger.Screening;
using Ledger.Webhooks;
using Marten;
using Wolverine.Http;

namespace Ledger.Access;

/// <summary>
/// Admins revoke a token by its <c>jti</c>: from the commit on, every node refuses it within seconds
/// (<see cref="RevokedTokens"/>), and webhook subscriptions registered with it are paused in the same transaction
/// (nothing is delivered to them until an admin re-registers them). The revocation is kept until <c>expires</c>.
/// </summary>
public static class RevocationEndpoints
{
    /// <summary>
    /// 201 with the revocation in force. Repeating it is harmless: the same jti keeps its first revocation (its time and
    /// author), with the later of the two expiries.
    /// </summary>
    [WolverinePost("/tokens/revocations")]
    public static async Task<IResult> Revoke(
        RevokeTokenRequest request, IDocumentSession session, AuthOptions auth, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (!caller.Is(Role.Admin)) throw LedgerProblem.Forbidden("revoking tokens is for admins");
        var jti = Parse.Required(request.Jti, "jti", TokenId.MaxLength);
        var now = clock.GetUtcNow();
        var expires = DateTimeOffset.TryParse(Parse.Required(request.Expires, "expires", 40), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw LedgerProblem.BadRequest("expires is not an ISO 8601 instant such as 2026-12-07T21:00:00Z (the token's exp)");
        if (expires <= now) throw LedgerProblem.BadRequest("expires is in the past: a token past its expiry is refused anyway");
        // No token the service accepts holds longer than MaxTokenHours (plus the 30 s of clock skew it allows).
        if (expires > now + auth.MaxTokenLifetime + TimeSpan.FromMinutes(1))
            throw LedgerProblem.BadRequest($"expires is more than Ledger:Auth:MaxTokenHours ({auth.MaxTokenHours}) hours ahead: no accepted token holds that long; give the token's exp");

        var existing = await session.LoadAsync<TokenRevocation>(jti, ct);
        var revocation = existing is null
            ? new TokenRevocation(jti, expires, now, caller.Subject)
            : existing with { Expires = existing.Expires > expires ? existing.Expires : expires };
        session.Store(revocation);
        await WebhookPause.PauseRegisteredWithAsync(session, jti, ct);
        AuditTrail.Record(session, caller, AdminActs.TokenRevoked, jti);
        return Results.Created("/tokens/revocations", TokenRevocationView.Of(revocation));
    }

    /// <summary>The revocations in force (not yet past their expiry), newest first.</summary>
    [WolverineGet("/tokens/revocations")]
    public static async Task<IReadOnlyList<TokenRevocationView>> List(IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!Caller.Of(http).Is(Role.Admin)) throw LedgerProblem.Forbidden("revoking tokens is for admins");
        var now = clock.GetUtcNow();
        return (await session.Query<TokenRevocation>().Where(r => r.Expires > now).OrderByDescending(r => r.RevokedAt).ToListAsync(ct))
            .Select(TokenRevocationView.Of).ToList();
    }
}
