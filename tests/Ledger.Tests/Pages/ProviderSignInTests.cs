using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Ledger.Access;
using Ledger.Tests.Access;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Tests.Pages;

/// <summary>
/// A loopback OpenID Connect provider that runs the authorization code flow: discovery, keys, an authorize endpoint
/// that signs in whoever the test says (no login form) and a token endpoint that answers with an id token (for the
/// pages' client) and an access token (for the ledger's audience).
/// </summary>
public sealed class CodeFlowProvider : IAsyncDisposable
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "code-flow-key" };
    private readonly ConcurrentDictionary<string, string> _nonces = new();
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    /// <summary>Whom the next sign-in is for: the access token's claims.</summary>
    public Func<string, TokenSpec> AccessTokenFor { get; set; } = _ => throw new InvalidOperationException("no one to sign in");

    public int TokenRequests;

    private SigningCredentials Signing => new(_key, SecurityAlgorithms.RsaSha256);

    public static async Task<CodeFlowProvider> StartAsync()
    {
        var provider = new CodeFlowProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = provider._app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Url, ["jwks_uri"] = provider.Url + "/jwks",
            ["authorization_endpoint"] = provider.Url + "/authorize", ["token_endpoint"] = provider.Url + "/token",
            ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(provider._key.Rsa.ExportParameters(false)) { KeyId = provider._key.KeyId });
            return Results.Json(new { keys = new[] { new Dictionary<string, string> { ["kty"] = jwk.Kty, ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            provider._nonces[code] = request.Query["nonce"].ToString() + "\n" + request.Query["client_id"];
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref provider.TokenRequests);
            var form = await request.ReadFormAsync();
            if (!provider._nonces.TryRemove(form["code"].ToString(), out var issued)) return Results.BadRequest(new { error = "invalid_grant" });
            var (nonce, clientId) = (issued.Split('\n')[0], issued.Split('\n')[1]);
            var access = provider.AccessTokenFor(provider.Url) with { SignedBy = provider.Signing };
            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = provider.Url, Audience = clientId, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = access.Subject, ["nonce"] = nonce },
                SigningCredentials = provider.Signing,
            });
            return Results.Json(new { access_token = access.Create(), id_token = idToken, token_type = "Bearer", expires_in = 3600 });
        });
        await app.StartAsync();
        provider.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}

/// <summary>The service trusting only <see cref="CodeFlowProvider"/>, with the pages registered there as a client.</summary>
public sealed class ProviderApp : LedgerApp
{
    public const string Audience = "ledger-api";

    public CodeFlowProvider Provider { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> AuthSettings => new Dictionary<string, string?>
    {
        ["Ledger:Auth:Authority"] = Provider.Url,
        ["Ledger:Auth:Audience"] = Audience,
        ["Ledger:Auth:RequireHttpsMetadata"] = "false",
        ["Ledger:Auth:SigningKey"] = "",
        ["Ledger:Pages:ClientId"] = "ledger-pages",
    };

    public override async Task InitializeAsync()
    {
        Provider = await CodeFlowProvider.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Production sign-in: the pages send a person to the provider and keep the access token it issues.</summary>
public class ProviderSignInTests(ProviderApp app) : IClassFixture<ProviderApp>
{
    [Fact]
    public async Task A_person_signs_in_at_the_provider_and_lands_on_their_page()
    {
        // The host trusts only the provider, so the traveller is registered through the store directly with a provider token.
        var traveller = Guid.NewGuid();
        app.Provider.AccessTokenFor = issuer => new TokenSpec(issuer, ProviderApp.Audience, null, [Role.Traveller]) { Traveller = traveller, Subject = "person-at-provider" };
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = app.Anonymous().BaseAddress };

        var start = await browser.GetAsync("/app/sign-in");
        Assert.Contains("id=\"provider-sign-in\"", await start.Content.ReadAsStringAsync());

        // Someone else's record is refused after signing in; the sign-in itself works for a record that does not exist too.
        var page = await browser.GetAsync($"/app/sign-in?handler=provider&returnUrl={Uri.EscapeDataString($"/app/travellers/{traveller}")}");
        Assert.True(1 == app.Provider.TokenRequests, $"the provider was not asked for a token; ended at {page.RequestMessage!.RequestUri} {(int)page.StatusCode}");
        Assert.EndsWith($"/app/travellers/{traveller}", page.RequestMessage!.RequestUri!.AbsolutePath);
        // Signed in as the provider's person: the page answers (404: this traveller was never registered), not a sign-in redirect.
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("is not registered", await page.Content.ReadAsStringAsync());
        Assert.Contains("Signed in as person-at-provider", await page.Content.ReadAsStringAsync());

        // The API still wants its bearer header: the pages' cookie opens nothing there.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"/travellers/{traveller}/status")).StatusCode);
    }
}
