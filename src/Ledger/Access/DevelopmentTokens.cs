using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access;

/// <summary>What a development token says about its holder.</summary>
public sealed record TokenRequest(string Subject, IReadOnlyList<Role> Roles, IReadOnlyList<string> Countries, Guid? Traveller, TimeSpan Lifetime);

/// <summary>Mints tokens signed with <c>Ledger:Auth:SigningKey</c>: for development, tests and the benchmark, never production.</summary>
public static class DevelopmentTokens
{
    public static string Issue(AuthOptions options, TokenRequest request, DateTimeOffset now)
    {
        // A fresh id per token: what an admin names to revoke it.
        var claims = new List<Claim> { new("sub", request.Subject), new(TokenId.Claim, Guid.CreateVersion7().ToString("N")) };
        claims.AddRange(request.Roles.Distinct().Select(r => new Claim(options.RoleClaim, char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..])));
        claims.AddRange(request.Countries.Distinct().Select(c => new Claim(options.CountryClaim, c)));
        if (request.Traveller is { } t) claims.Add(new Claim(options.TravellerClaim, t.ToString()));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.DevelopmentIssuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + request.Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
    }
}
