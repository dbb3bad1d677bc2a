using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Access;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ledger.Tests.Access;

/// <summary>
/// A real OpenID Connect issuer (OpenIddict's server) on a loopback port: discovery, a JWKS, the authorization code
/// flow with PKCE (the pages' client, <see cref="PagesClient"/>) and client credentials (<see cref="ApiClient"/>, how
/// tests get access tokens). There is no login form: whoever <see cref="Person"/> names is signed in. It runs in
/// OpenIddict's degraded mode (no client store): the two clients are checked by the handlers below instead.
/// </summary>
public sealed class OpenIddictIssuer : IAsyncDisposable
{
    public const string PagesClient = "ledger-pages";
    public const string ApiClient = "ledger-tests";
    public const string ApiClientSecret = "ledger-tests-secret-0123456789";

    /// <summary>Whom the issuer signs in next, with the audience (resource) of the access token it issues.</summary>
    public sealed record Signee(string Subject, IReadOnlyList<Role> Roles, IReadOnlyList<string> Countries, Guid? Traveller, string Audience);

    private WebApplication _app = null!;
    private int _keySetRequests;
    private int _keys;

    /// <summary>The issuer identifier (<c>iss</c>) and the authority the ledger is configured with (ends with a slash).</summary>
    public string Url { get; private set; } = "";

    public Signee Person { get; set; } = new("nobody", [], [], null, "nowhere");

    /// <summary>How often the JWKS was fetched: keys came from here, not from configuration.</summary>
    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    /// <summary>The key the issuer signs with now (the first of those it publishes).</summary>
    public RsaSecurityKey SigningKey => (RsaSecurityKey)Options.SigningCredentials[0].Key;

    private OpenIddictServerOptions Options => _app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

    private RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = $"openiddict-key-{Interlocked.Increment(ref _keys)}" };

    public static async Task<OpenIddictIssuer> StartAsync()
    {
        var issuer = new OpenIddictIssuer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowClientCredentialsFlow();
            options.AddSigningKey(issuer.NewKey());
            options.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            // Access tokens as signed JWTs (a resource server validates them with the published keys), not encrypted.
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement(); // loopback over http
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.Request.ClientId != PagesClient) context.Reject(Errors.InvalidClient, "unknown client");
                else if (context.Request.RedirectUri is not { } uri || !uri.EndsWith("/app/signin-oidc", StringComparison.Ordinal))
                    context.Reject(Errors.InvalidRequest, "unregistered redirect_uri");
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var known = context.Request.IsClientCredentialsGrantType()
                    ? context.Request.ClientId == ApiClient && context.Request.ClientSecret == ApiClientSecret
                    : context.Request.ClientId == PagesClient;
                if (!known) context.Reject(Errors.InvalidClient, "unknown client or wrong secret");
                return default;
            }));
        });
        var app = issuer._app = builder.Build();
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/.well-known/jwks")) Interlocked.Increment(ref issuer._keySetRequests);
            await next();
        });
        app.UseAuthentication();
        // The person signs in at once (no form): the issuer makes the code the pages exchange.
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
            Results.SignIn(issuer.Principal(http.GetOpenIddictServerRequest()!), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            // A code: the principal OpenIddict stored in it; client credentials: whoever the test names.
            var principal = request.IsAuthorizationCodeGrantType()
                ? (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!
                : issuer.Principal(request);
            return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        issuer.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return issuer;
    }

    private ClaimsPrincipal Principal(OpenIddictRequest request)
    {
        var person = Person;
        var identity = new ClaimsIdentity("openiddict-test", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject);
        foreach (var role in person.Roles) identity.AddClaim(new Claim(Claims.Role, role.ToString().ToLowerInvariant()));
        foreach (var country in person.Countries) identity.AddClaim(new Claim("country", country));
        if (person.Traveller is { } traveller) identity.AddClaim(new Claim("traveller", traveller.ToString()));
        identity.SetScopes(request.GetScopes());
        identity.SetResources(person.Audience);
        identity.SetDestinations(claim => claim.Type == Claims.Subject
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>An access token for <paramref name="person"/>, as the issuer issues it (client credentials at its token endpoint).</summary>
    public async Task<string> AccessTokenAsync(Signee person)
    {
        Person = person;
        using var client = new HttpClient();
        var response = await client.PostAsync(Url + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials, ["client_id"] = ApiClient, ["client_secret"] = ApiClientSecret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"the issuer refused a token: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Key rotation: a new key signs from now on; the old one stays published (tokens it signed stay valid until they
    /// expire), as a provider rotates.
    /// </summary>
    public void RotateKey() => Options.SigningCredentials.Insert(0, new SigningCredentials(NewKey(), SecurityAlgorithms.RsaSha256));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
