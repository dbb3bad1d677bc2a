using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>The service configured with an OpenID Connect authority: keys come from the issuer's JWKS, nothing is switched off.</summary>
public class OidcAuthenticationTests(OidcApp app) : IClassFixture<OidcApp>
{
    [Fact]
    public async Task Tokens_signed_by_the_issuer_are_accepted_and_their_roles_apply()
    {
        using var recorder = app.IssuerClientAs([Role.Recorder], ["FR"], subject: "border-system/oidc");
        var registered = await recorder.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Its countries apply too, and the subject is what the ledger records as the author.
        var inFrance = await recorder.PostAsJsonAsync($"/travellers/{id}/crossings", Crossing("c1", "FR"));
        Assert.Equal(HttpStatusCode.Created, inFrance.StatusCode);
        await Problem.AssertAsync(await recorder.PostAsJsonAsync($"/travellers/{id}/crossings", Crossing("c2", "DE")), HttpStatusCode.Forbidden);

        using var caseworker = app.IssuerClientAs([Role.Caseworker], ["FR"]);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/travellers/{id}")).StatusCode);
        using var auditor = app.IssuerClientAs([Role.Auditor], []);
        var events = await auditor.GetFromJsonAsync<JsonElement>($"/travellers/{id}/events");
        Assert.Equal("border-system/oidc", events.EnumerateArray().Last().GetProperty("recordedBy").GetString());

        // Authenticated is not authorised: a recorder may not read a record.
        await Problem.AssertAsync(await recorder.GetAsync($"/travellers/{id}"), HttpStatusCode.Forbidden);
        Assert.True(app.Issuer.KeySetRequests > 0, "the ledger never fetched the issuer's JWKS");
    }

    private object Crossing(string crossingId, string country) =>
        new { crossingId, direction = "entry", country, date = app.DaysAgo(1) };

    public static TheoryData<string> RefusedTokens =>
    [
        "signed by an unpublished key under the issuer's key id",
        "signed by an unpublished key under its own key id",
        "for another audience",
        "from another issuer",
        "expired",
        "not yet valid",
        "without expiry",
        "holding longer than MaxTokenHours",
        "unsigned",
        "without an id (jti)",
        "a development token",
    ];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Other_tokens_are_401(string which)
    {
        var valid = app.Token([Role.Caseworker]) with { Countries = ["FR"] };
        var token = which switch
        {
            "signed by an unpublished key under the issuer's key id" => valid with { SignedBy = OidcIssuer.UnpublishedKey(OidcIssuer.KeyId) },
            "signed by an unpublished key under its own key id" => valid with { SignedBy = OidcIssuer.UnpublishedKey("another-key") },
            "for another audience" => valid with { Audience = "another-service" },
            "from another issuer" => valid with { Issuer = "https://issuer.invalid/realms/ledger" },
            "expired" => valid with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2), Lifetime = TimeSpan.FromHours(1) },
            "not yet valid" => valid with { IssuedAt = DateTimeOffset.UtcNow.AddHours(1) },
            "without expiry" => valid with { Lifetime = null },
            "holding longer than MaxTokenHours" => valid with { Lifetime = TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1) },
            "unsigned" => valid with { SignedBy = null },
            "without an id (jti)" => valid with { Id = null },
            "a development token" => TokenSpec.Development([Role.Caseworker]) with { Audience = OidcApp.Audience, Countries = ["FR"] },
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        using var withValid = app.WithToken(valid.Create());
        Assert.Equal(HttpStatusCode.OK, (await withValid.GetAsync("/webhooks")).StatusCode);

        using var withRefused = app.WithToken(token.Create());
        var response = await withRefused.GetAsync("/webhooks");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
