using Ledger.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Ledger.Pages;

/// <summary>The pages' client registration at the OpenID Connect provider (<c>Ledger:Pages</c>).</summary>
public sealed class PageOptions
{
    public const string Section = "Ledger:Pages";

    /// <summary>The client id registered at the provider for the pages (redirect URI: <c>https://HOST/app/signin-oidc</c>). Unset: no provider sign-in.</summary>
    public string? ClientId { get; set; }

    /// <summary>For a confidential client; a public client uses PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes to ask for besides <c>openid</c>, space-separated: whatever makes the provider issue an access token for the ledger's audience.</summary>
    public string Scopes { get; set; } = "";
}

/// <summary>
/// Production sign-in for the pages: the authorization code flow (with PKCE) at the provider named in
/// <c>Ledger:Auth:Authority</c>. The provider's access token, which is what the API accepts, is kept in the pages'
/// cookie (<see cref="PageSignIn"/>) and validated on every page as a bearer token; no session of our own is made.
/// </summary>
public static class ProviderSignIn
{
    public const string Scheme = "provider";
    public const string CallbackPath = PageSetup.Root + "/signin-oidc";

    public static bool Configured(AuthOptions auth, PageOptions pages) =>
        !string.IsNullOrWhiteSpace(auth.Authority) && !string.IsNullOrWhiteSpace(pages.ClientId);

    public static void Add(WebApplicationBuilder builder)
    {
        var pages = builder.Configuration.GetSection(PageOptions.Section).Get<PageOptions>() ?? new PageOptions();
        builder.Services.AddSingleton(pages);
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (!Configured(auth, pages)) return;
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = auth.Authority;
            o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            o.ClientId = pages.ClientId;
            o.ClientSecret = string.IsNullOrWhiteSpace(pages.ClientSecret) ? null : pages.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            // The provider redirects back with a GET: no cross-site form post, so the flow's cookies can stay SameSite=Lax.
            o.ResponseMode = "query";
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            // Secure on https (every real deployment); a loopback provider over http (tests, a local Keycloak) works too.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CallbackPath = CallbackPath;
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in pages.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            // Nothing is signed in here: the ticket's access token goes into the pages' cookie and the request ends.
            o.SignInScheme = JwtBearerDefaults.AuthenticationScheme;
            o.Events = new OpenIdConnectEvents
            {
                OnTicketReceived = context =>
                {
                    var token = context.Properties?.GetTokenValue("access_token");
                    var back = context.ReturnUri is { } r && r.StartsWith(PageSetup.Root, StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) ? r : PageSetup.Root + "/";
                    if (string.IsNullOrEmpty(token)) back = PageSignIn.Path + "?expired=1";
                    else PageSignIn.Remember(context.Response, token, context.Request.IsHttps);
                    context.Response.Redirect(back);
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
                OnRemoteFailure = context =>
                {
                    context.Response.Redirect(PageSignIn.Path + "?expired=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }
}
