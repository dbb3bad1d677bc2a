using Ledger.Access;
using Ledger.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Tests.Access;

/// <summary>
/// Everything a bearer token says, so a test can take a valid one and change exactly one thing (<c>with</c>):
/// another issuer, audience, key, lifetime, no expiry, or no signature at all. Tokens the service must refuse are
/// made here because <see cref="DevelopmentTokens"/> (rightly) cannot make most of them.
/// </summary>
public sealed record TokenSpec(string Issuer, string Audience, SigningCredentials? SignedBy, IReadOnlyList<Role> Roles)
{
    public IReadOnlyList<string> Countries { get; init; } = [];
    public Guid? Traveller { get; init; }
    public string Subject { get; init; } = "test-client";
    public DateTimeOffset IssuedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The token's id (<c>jti</c>), fresh for each spec; null: the token has none (and is refused).</summary>
    public string? Id { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>True: the token has neither <c>iat</c> nor <c>nbf</c> (it cannot show how long it holds).</summary>
    public bool WithoutIssuedAt { get; init; }

    /// <summary>Null: the token has no <c>exp</c> claim.</summary>
    public TimeSpan? Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The compact JWT; unsigned (<c>alg: none</c>) when <see cref="SignedBy"/> is null.</summary>
    public string Create()
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["role"] = Roles.Select(r => r.ToString().ToLowerInvariant()).ToArray(),
            ["country"] = Countries.ToArray(),
        };
        if (Traveller is { } traveller) claims["traveller"] = traveller.ToString();
        if (Id is { } id) claims["jti"] = id;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = WithoutIssuedAt ? null : IssuedAt.UtcDateTime,
            NotBefore = WithoutIssuedAt ? null : IssuedAt.UtcDateTime,
            Expires = Lifetime is { } lifetime ? (IssuedAt + lifetime).UtcDateTime : null,
            SigningCredentials = SignedBy,
        });
    }

    /// <summary>Signed with the HMAC key every test host trusts, as <c>tokens issue</c> would sign it.</summary>
    public static TokenSpec Development(IReadOnlyList<Role> roles) => new(
        AuthOptions.DevelopmentIssuer, LedgerApp.Auth.Audience, Hmac(LedgerApp.Auth.SigningKeyBytes()), roles);

    public static SigningCredentials Hmac(byte[] key) => new(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256);
}
