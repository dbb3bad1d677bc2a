using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Faults;

/// <summary>What the hostile tokens were answered: every request must be a 401.</summary>
public sealed record HostileTokenResult(int Requests, int Answered401, IReadOnlyList<string> NotRefused);

/// <summary>
/// Tokens an attacker would try, each sent on reads and writes of the fuzz routes: for another audience, from another
/// issuer, <c>alg: none</c>, HS256 keyed with an RSA public key (the algorithm-confusion attack), expired, without a
/// <c>jti</c>, holding longer than <c>Ledger:Auth:MaxTokenHours</c>, and revoked. All but the algorithm they are
/// signed with is what the service's own key would sign, so only the one fault can be why they are refused. Every
/// answer must be 401; the valid token beside them must not be.
/// </summary>
public sealed class HostileTokenRun(ServiceProcess service)
{
    public async Task<HostileTokenResult> RunAsync()
    {
        using var admin = LedgerApi.Client(service, TimeSpan.FromSeconds(30));
        var traveller = await LedgerApi.RegisterAsync(admin, "US");
        var tokens = await TokensAsync(admin);
        var requests = new (string Name, Func<HttpRequestMessage> Make)[]
        {
            ("GET /webhooks", () => new HttpRequestMessage(HttpMethod.Get, "/webhooks")),
            ("GET status", () => new HttpRequestMessage(HttpMethod.Get, $"/travellers/{traveller}/status")),
            ("POST /travellers", () => new HttpRequestMessage(HttpMethod.Post, "/travellers") { Content = JsonContent.Create(new { nationalities = new[] { "US" } }) }),
            ("POST crossing", () => new HttpRequestMessage(HttpMethod.Post, $"/travellers/{traveller}/crossings")
            {
                Content = JsonContent.Create(new { crossingId = "hostile", direction = "entry", country = "FR", date = "2020-01-01" }),
            }),
        };

        var sent = 0; var refused = 0; var notRefused = new List<string>();
        using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (kind, token) in tokens)
            foreach (var (name, make) in requests)
            {
                using var request = make();
                request.Headers.Authorization = new("Bearer", token);
                using var response = await http.SendAsync(request);
                sent++;
                if (response.StatusCode == HttpStatusCode.Unauthorized) refused++;
                else notRefused.Add($"{kind}: {name} answered {(int)response.StatusCode}");
            }
        // The control: the same requests with the service's own token are not 401 (else the refusals prove nothing).
        foreach (var (name, make) in requests)
        {
            using var response = await admin.SendAsync(make());
            if (response.StatusCode == HttpStatusCode.Unauthorized) notRefused.Add($"control: {name} with the valid token answered 401");
        }
        foreach (var line in notRefused) Console.Error.WriteLine($"faults: hostile token {line}");
        return new HostileTokenResult(sent, refused, notRefused);
    }

    private async Task<List<(string Kind, string Token)>> TokensAsync(HttpClient admin)
    {
        var key = new AuthOptions { SigningKey = service.SigningKey };
        var now = DateTimeOffset.UtcNow;
        string Dev(TimeSpan lifetime, DateTimeOffset issuedAt, string audience = "ledger") => DevelopmentTokens.Issue(
            new AuthOptions { SigningKey = service.SigningKey, Audience = audience },
            new TokenRequest("hostile", [Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin], ["FR"], null, lifetime), issuedAt);
        var valid = Dev(TimeSpan.FromHours(1), now);
        using var rsa = RSA.Create(2048);

        // Revoked: a valid token, revoked by the admin, then given time to reach the node (the promise is 5 s).
        var revoked = Dev(TimeSpan.FromHours(1), now);
        var revocation = await admin.PostAsJsonAsync("/tokens/revocations", new { jti = new JsonWebToken(revoked).Id, expires = now.AddHours(1) });
        if (revocation.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"revoking a token answered {(int)revocation.StatusCode}");
        await Task.Delay(TimeSpan.FromSeconds(5));

        return
        [
            ("for another audience", Dev(TimeSpan.FromHours(1), now, audience: "another-service")),
            ("from another issuer", Custom(key, issuer: "someone-else", withId: true, now)),
            ("alg none", Unsigned(valid)),
            ("HS256 keyed with an RSA public key", Hs256(valid, Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()))),
            ("expired", Dev(TimeSpan.FromHours(1), now.AddHours(-2))),
            ("without a jti", Custom(key, issuer: AuthOptions.DevelopmentIssuer, withId: false, now)),
            ("longer than MaxTokenHours", Dev(TimeSpan.FromHours(13), now)),
            ("revoked", revoked),
        ];
    }

    /// <summary>Signed with the service's key, with one fault: another issuer, or no jti.</summary>
    private static string Custom(AuthOptions key, string issuer, bool withId, DateTimeOffset now)
    {
        var claims = new List<Claim> { new("sub", "hostile"), new("role", "admin") };
        if (withId) claims.Add(new Claim("jti", Guid.NewGuid().ToString("N")));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = key.Audience, Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime, NotBefore = now.UtcDateTime, Expires = now.AddHours(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[0]))!.AsObject();
        header["alg"] = "none";
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{parts[1]}.";
    }

    private static string Hs256(string token, byte[] secret)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[0]))!.AsObject();
        header["alg"] = "HS256";
        header["kid"] = "rsa-public-key";
        var input = $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{parts[1]}";
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }
}
