using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>
/// The production path against a real OpenID Connect issuer (OpenIddict 7.9 in a test host): the service finds the
/// issuer's keys through discovery, accepts the tokens it issues, runs the pages' authorization code flow there, and
/// answers 401 to every token that is not one of them.
/// </summary>
public class OpenIddictTests(OpenIddictApp app) : IClassFixture<OpenIddictApp>
{
    [Fact]
    public async Task Tokens_the_issuer_issues_are_accepted_through_discovery_and_carry_a_jti()
    {
        var token = await app.TokenAsync([Role.Caseworker], ["FR"]);
        Assert.False(string.IsNullOrEmpty(TokenRevocationTests.IdOf(token)), "the issuer's access token has no jti");
        using var caseworker = app.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync("/webhooks")).StatusCode);
        Assert.True(app.Issuer.KeySetRequests > 0, "the service never fetched the issuer's JWKS");

        // Its roles apply: a caseworker is no admin.
        await Problem.AssertAsync(await caseworker.GetAsync("/tokens/revocations"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_person_signs_in_to_the_pages_with_the_authorization_code_flow()
    {
        using var recorder = await app.ClientAsync([Role.Recorder], ["FR"]);
        var registered = await recorder.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var traveller = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        app.Issuer.Person = OpenIddictApp.Person([Role.Traveller], traveller: traveller, subject: "person-at-openiddict");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
            { BaseAddress = app.Anonymous().BaseAddress };
        var page = await browser.GetAsync($"/app/sign-in?handler=provider&returnUrl={Uri.EscapeDataString($"/app/travellers/{traveller}")}");

        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"ended at {page.RequestMessage!.RequestUri} with {(int)page.StatusCode}");
        Assert.EndsWith($"/app/travellers/{traveller}", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Signed in as person-at-openiddict", html);
        // Someone else's page stays closed to this person.
        var other = await browser.GetAsync($"/app/travellers/{Guid.NewGuid()}");
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);
    }

    public static TheoryData<string> HostileTokens =>
    [
        "for another audience",
        "from another issuer, signed with the issuer's own key",
        "alg none",
        "HS256 signed with the issuer's public key",
        "expired, signed with the issuer's own key",
    ];

    [Theory]
    [MemberData(nameof(HostileTokens))]
    public async Task Hostile_tokens_are_401(string which)
    {
        var valid = await app.TokenAsync([Role.Caseworker], ["FR"]);
        using (var withValid = app.WithToken(valid))
            Assert.Equal(HttpStatusCode.OK, (await withValid.GetAsync("/webhooks")).StatusCode);

        var key = app.Issuer.SigningKey;
        var payload = ForgedTokens.Payload(valid);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var hostile = which switch
        {
            "for another audience" => await app.TokenAsync([Role.Caseworker], ["FR"], audience: "another-api"),
            "from another issuer, signed with the issuer's own key" =>
                ForgedTokens.SignedRs256(ForgedTokens.Header(valid), With(payload, "iss", "https://issuer.invalid/"), key.Rsa),
            "alg none" => ForgedTokens.Unsigned(valid),
            "HS256 signed with the issuer's public key" =>
                ForgedTokens.SignedHs256(ForgedTokens.Header(valid), payload, Encoding.UTF8.GetBytes(key.Rsa.ExportSubjectPublicKeyInfoPem())),
            "expired, signed with the issuer's own key" => ForgedTokens.SignedRs256(ForgedTokens.Header(valid),
                With(With(With(payload, "iat", now - 7200), "nbf", now - 7200), "exp", now - 3600), key.Rsa),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        using var withHostile = app.WithToken(hostile);
        var response = await withHostile.GetAsync("/webhooks");
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_forged_copy_signed_with_the_issuers_key_is_accepted_which_is_what_makes_the_refusals_above_mean_something()
    {
        // The forging itself is sound: re-signing the unchanged payload with the issuer's key gives an accepted token.
        var valid = await app.TokenAsync([Role.Caseworker], ["FR"]);
        var copy = ForgedTokens.SignedRs256(ForgedTokens.Header(valid), ForgedTokens.Payload(valid), app.Issuer.SigningKey.Rsa);
        using var client = app.WithToken(copy);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/webhooks")).StatusCode);
    }

    private static System.Text.Json.Nodes.JsonObject With(System.Text.Json.Nodes.JsonObject payload, string claim, System.Text.Json.Nodes.JsonNode value)
    {
        var copy = payload.DeepClone().AsObject();
        copy[claim] = value;
        return copy;
    }
}

/// <summary>The issuer rotates its signing key: the service finds the new key in the issuer's JWKS, and the old one still holds.</summary>
public class OpenIddictKeyRotationTests(OpenIddictRotationApp app) : IClassFixture<OpenIddictRotationApp>
{
    [Fact]
    public async Task After_a_key_rotation_tokens_signed_with_the_new_key_are_accepted()
    {
        var before = await app.TokenAsync([Role.Caseworker], ["FR"]);
        using (var old = app.WithToken(before))
            Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/webhooks")).StatusCode);
        var fetches = app.Issuer.KeySetRequests;

        app.Issuer.RotateKey();
        var after = await app.TokenAsync([Role.Caseworker], ["FR"]);
        Assert.NotEqual(ForgedTokens.Header(before)["kid"]!.GetValue<string>(), ForgedTokens.Header(after)["kid"]!.GetValue<string>());

        // The first request with an unknown key id makes the service fetch the issuer's keys again.
        using var rotated = app.WithToken(after);
        await Eventually.HoldsAsync(async () => (await rotated.GetAsync("/webhooks")).StatusCode == HttpStatusCode.OK, "the new key accepted", seconds: 30);
        Assert.True(app.Issuer.KeySetRequests > fetches, "the service did not fetch the issuer's keys again");
        using (var old = app.WithToken(before))
            Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/webhooks")).StatusCode);
    }
}
