using System.Security.Cryptography;
using Ledger.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Tests.Access;

/// <summary>
/// A minimal OpenID Connect issuer on loopback: a discovery document and a JWKS holding one RSA public key. The
/// ledger finds the key the way it would at a real provider; tests sign tokens with the private half.
/// </summary>
public sealed class OidcIssuer : IAsyncDisposable
{
    public const string KeyId = "test-issuer-key-1";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = KeyId };
    private WebApplication _app = null!;
    private int _keySetRequests;

    /// <summary>The issuer identifier (<c>iss</c>), which is also the authority the ledger is configured with.</summary>
    public string Url { get; private set; } = "";

    /// <summary>How often the JWKS was fetched: proof that keys came from here, not from configuration.</summary>
    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    public SigningCredentials SigningCredentials => new(_key, SecurityAlgorithms.RsaSha256);

    /// <summary>A token as this issuer signs it.</summary>
    public TokenSpec Token(string audience, IReadOnlyList<Role> roles) => new(Url, audience, SigningCredentials, roles);

    /// <summary>A fresh RSA key the issuer does not publish, under the given key id.</summary>
    public static SigningCredentials UnpublishedKey(string keyId) =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);

    public static async Task<OidcIssuer> StartAsync()
    {
        var issuer = new OidcIssuer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        issuer._app = builder.Build();
        issuer._app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Url,
            ["jwks_uri"] = issuer.Url + "/jwks",
            ["authorization_endpoint"] = issuer.Url + "/authorize",
            ["token_endpoint"] = issuer.Url + "/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        issuer._app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer._keySetRequests);
            return Results.Json(new { keys = new[] { issuer.PublicJwk() } });
        });
        await issuer._app.StartAsync();
        issuer.Url = issuer._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return issuer;
    }

    private Dictionary<string, string> PublicJwk()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = KeyId });
        return new Dictionary<string, string>
        {
            ["kty"] = jwk.Kty, ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
