using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Ledger.Access;
using Ledger.Hardening;
using Ledger.Tests.Pages;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Ledger.Tests.Hardening;

/// <summary>The pages' and the API's security headers, and the sign-in cookie's flags, over http and over https.</summary>
public class SecurityHeadersTests(LedgerApp app, Chromium chromium) : IClassFixture<LedgerApp>, IClassFixture<Chromium>
{
    private static void AssertCommon(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task A_page_forbids_scripts_inline_styles_and_framing_and_sends_no_referrer()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);
        foreach (var path in new[] { $"/app/travellers/{traveller}", "/app/sign-in", "/app/" })
        {
            var page = await me.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            AssertCommon(page);
            var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal(SecurityHeaders.PagePolicy, policy);
            Assert.Contains("default-src 'none'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.DoesNotContain("script-src", policy); // no script source at all: default-src 'none' applies
            Assert.False(page.Headers.Contains("Strict-Transport-Security")); // plain http: HSTS means nothing here
            var html = await page.Content.ReadAsStringAsync();
            // Nothing the policy would block: no script element, no inline style element or attribute, no handler attribute.
            Assert.DoesNotMatch(new Regex(@"<script|<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase), html);
            Assert.Contains("<link rel=\"stylesheet\" href=\"/app/ledger.css\">", html);
        }
    }

    [Fact]
    public async Task The_stylesheet_is_served_to_anyone_as_css_with_the_same_headers()
    {
        var sheet = await app.Anonymous().GetAsync("/app/ledger.css");
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("text/css", sheet.Content.Headers.ContentType!.MediaType);
        AssertCommon(sheet);
        Assert.Contains("header.site", await sheet.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_answer_may_not_be_framed_or_sniffed()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        var answer = await app.Http.GetAsync($"/travellers/{traveller}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        AssertCommon(answer);
        Assert.Equal(SecurityHeaders.ApiPolicy, Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
        var refused = await app.Anonymous().GetAsync($"/travellers/{traveller}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        AssertCommon(refused);
    }

    [Fact]
    public async Task Over_http_the_sign_in_cookie_is_http_only_and_strictly_same_site_but_not_secure()
    {
        var cookie = await SignInCookieAsync(app.Anonymous().BaseAddress!, app.TokenFor([Role.Auditor]), acceptAnyCertificate: false);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/app", cookie);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", ""));
    }

    [Fact]
    public async Task In_a_browser_the_signed_in_pages_load_their_stylesheet_and_break_no_rule_of_the_policy()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "in", "entry", "FR", app.DaysAgo(20))).StatusCode);
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text); };
        var baseUrl = app.Anonymous().BaseAddress!.ToString().TrimEnd('/');
        await page.GotoAsync(baseUrl + $"/app/travellers/{traveller}");
        Assert.Contains("/app/sign-in", page.Url);
        await page.GetByLabel("Token").FillAsync(app.TokenFor([Role.Traveller], traveller: traveller));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // SameSite=Strict: the redirect after the form's post is same-site, so the cookie goes with it and the page opens.
        await page.WaitForURLAsync(u => u.EndsWith($"/app/travellers/{traveller}"));
        Assert.Contains("days used", await page.Locator("main").InnerTextAsync());
        // The stylesheet applied: the site header has the accent colour, the legend's swatches their classes' colours.
        Assert.Equal("rgb(31, 59, 115)", await page.EvalOnSelectorAsync<string>("header.site", "e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("rgb(176, 0, 32)", await page.EvalOnSelectorAsync<string>(".swatch.limit", "e => getComputedStyle(e).backgroundColor"));
        Assert.Empty(violations);
        await context.CloseAsync();
    }

    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the ledger cookie's Set-Cookie, lower case.</summary>
    internal static async Task<string> SignInCookieAsync(Uri address, string token, bool acceptAnyCertificate)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        // A self-signed loopback certificate made by the test itself.
        if (acceptAnyCertificate) handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        using var client = new HttpClient(handler) { BaseAddress = address };
        var form = await client.GetStringAsync("/app/sign-in");
        var verification = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var answer = await client.PostAsync("/app/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["returnUrl"] = "/app/", ["__RequestVerificationToken"] = verification,
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ledger-token=", StringComparison.Ordinal)).ToLowerInvariant();
    }
}

/// <summary>The service listening on https only (a self-signed loopback certificate).</summary>
public sealed class HttpsLedgerApp : LedgerApp
{
    protected override void Configure(WebApplicationBuilder builder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
    }
}

public class SecurityHeadersOverHttpsTests(HttpsLedgerApp app) : IClassFixture<HttpsLedgerApp>
{
    [Fact]
    public async Task Over_https_every_answer_pins_https_and_the_sign_in_cookie_is_secure()
    {
        var address = app.Anonymous().BaseAddress!;
        Assert.Equal("https", address.Scheme);
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { BaseAddress = address };
        foreach (var path in new[] { "/app/sign-in", "/health" })
        {
            var answer = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(SecurityHeaders.StrictTransportSecurity, Assert.Single(answer.Headers.GetValues("Strict-Transport-Security")));
        }
        var cookie = await SecurityHeadersTests.SignInCookieAsync(address, app.TokenFor([Role.Auditor]), acceptAnyCertificate: true);
        Assert.Contains("; secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
    }
}
