namespace Ledger.Access;

/// <summary>
/// A token an admin revoked, by its <c>jti</c> (<see cref="Id"/>). Kept until <see cref="Expires"/> (the token's own
/// <c>exp</c>, or later), after which the token is refused as expired anyway and the row is dropped.
/// </summary>
public sealed record TokenRevocation(string Id, DateTimeOffset Expires, DateTimeOffset RevokedAt, string RevokedBy);

/// <summary>A revocation as <c>GET /tokens/revocations</c> lists it.</summary>
public sealed record TokenRevocationView(string Jti, DateTimeOffset Expires, DateTimeOffset RevokedAt, string RevokedBy)
{
    public static TokenRevocationView Of(TokenRevocation r) => new(r.Id, r.Expires, r.RevokedAt, r.RevokedBy);
}

/// <summary>
/// The token's id and until when the revocation must hold: the token's <c>exp</c> as an ISO 8601 instant with its
/// offset (e.g. <c>2026-12-07T21:00:00Z</c>), at most now + MaxTokenHours.
/// </summary>
public sealed record RevokeTokenRequest(
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.MaxLength(TokenId.MaxLength)] string? Jti,
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.MaxLength(40)] string? Expires);

/// <summary>The <c>jti</c> of the token a request carries: every accepted token has one (see <see cref="LedgerAuthentication"/>).</summary>
public static class TokenId
{
    public const string Claim = "jti";
    public const int MaxLength = 200;

    public static string Of(HttpContext http) =>
        http.User.FindFirst(Claim)?.Value ?? throw new InvalidOperationException("an authenticated token without an id (jti)");
}
