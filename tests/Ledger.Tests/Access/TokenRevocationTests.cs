using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Marten;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Ledger.Tests.Access;

/// <summary>
/// Admins revoke a token by its jti: it answers 401 within seconds, the revocation is listed while in force and dropped
/// after its expiry. Bad revocations are 400 and change nothing.
/// </summary>
public class TokenRevocationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    public static string IdOf(string token) => new JsonWebToken(token).Id;

    private object Revocation(string jti, TimeSpan? inForFor = null) => new { jti, expires = app.Clock.GetUtcNow() + (inForFor ?? TimeSpan.FromHours(1)) };

    [Fact]
    public async Task A_revoked_token_answers_401_within_seconds_and_the_revocation_is_listed()
    {
        var token = app.TokenFor([Role.Caseworker], ["FR"], subject: "leaked");
        using var leaked = app.WithToken(token);
        using var untouched = app.ClientAs([Role.Caseworker], ["FR"], subject: "leaked");
        Assert.Equal(HttpStatusCode.OK, (await leaked.GetAsync("/webhooks")).StatusCode);

        var revoked = await app.Http.PostAsJsonAsync("/tokens/revocations", Revocation(IdOf(token)));
        Assert.Equal(HttpStatusCode.Created, revoked.StatusCode);
        var body = await revoked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(IdOf(token), body.GetProperty("jti").GetString());
        Assert.Equal("test-suite", body.GetProperty("revokedBy").GetString());

        var clock = Stopwatch.StartNew();
        while ((await leaked.GetAsync("/webhooks")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the revoked token was still accepted after 5 s");
            await Task.Delay(50);
        }
        var refusal = await Problem.AssertAsync(await leaked.GetAsync("/webhooks"), HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", refusal.GetProperty("detail").GetString());
        // Another token of the same subject is another token.
        Assert.Equal(HttpStatusCode.OK, (await untouched.GetAsync("/webhooks")).StatusCode);

        var listed = (await app.GetJsonAsync("/tokens/revocations")).EnumerateArray().Select(r => r.GetProperty("jti").GetString()).ToList();
        Assert.Contains(IdOf(token), listed);
    }

    [Fact]
    public async Task Revoking_again_is_harmless_and_keeps_one_revocation_with_the_later_expiry()
    {
        var jti = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("/tokens/revocations", Revocation(jti, TimeSpan.FromHours(2)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("/tokens/revocations", Revocation(jti, TimeSpan.FromHours(1)))).StatusCode);
        var mine = (await app.GetJsonAsync("/tokens/revocations")).EnumerateArray().Where(r => r.GetProperty("jti").GetString() == jti).ToList();
        var only = Assert.Single(mine);
        Assert.True(only.GetProperty("expires").GetDateTimeOffset() > app.Clock.GetUtcNow() + TimeSpan.FromMinutes(90));
    }

    public static TheoryData<string, string> BadRevocations => new()
    {
        { """{ "expires": "2099-01-01T00:00:00Z" }""", "jti" },
        { """{ "jti": "" , "expires": "2099-01-01T00:00:00Z" }""", "jti" },
        { """{ "jti": "bad-no-expiry" }""", "expires" },
        { """{ "jti": "bad-expiry", "expires": "tomorrow" }""", "ISO 8601" },
        { """{ "jti": "bad-past", "expires": "2001-01-01T00:00:00Z" }""", "in the past" },
        { """{ "jti": "bad-far", "expires": "2099-01-01T00:00:00Z" }""", "MaxTokenHours" },
    };

    [Theory]
    [MemberData(nameof(BadRevocations))]
    public async Task Bad_revocations_are_400_and_change_nothing(string json, string mentions)
    {
        var before = (await app.GetJsonAsync("/tokens/revocations")).GetArrayLength();
        var response = await app.Http.PostAsync("/tokens/revocations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(mentions, problem.ToString());
        Assert.Equal(before, (await app.GetJsonAsync("/tokens/revocations")).GetArrayLength());
    }

    [Fact]
    public async Task Only_admins_revoke_or_list()
    {
        using var caseworker = app.ClientAs([Role.Caseworker, Role.Auditor], ["FR"]);
        await Problem.AssertAsync(await caseworker.PostAsJsonAsync("/tokens/revocations", Revocation("not-mine")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await caseworker.GetAsync("/tokens/revocations"), HttpStatusCode.Forbidden);
        Assert.DoesNotContain("not-mine", (await app.GetJsonAsync("/tokens/revocations")).ToString());
    }

    [Fact]
    public async Task A_revocation_is_dropped_after_its_expiry()
    {
        var jti = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("/tokens/revocations", Revocation(jti, TimeSpan.FromMinutes(5)))).StatusCode);
        Assert.Contains(jti, (await app.GetJsonAsync("/tokens/revocations")).ToString());
        async Task<bool> Stored()
        {
            await using var session = app.Store.QuerySession();
            return await session.LoadAsync<TokenRevocation>(jti) is not null;
        }
        Assert.True(await Stored());

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.DoesNotContain(jti, (await app.GetJsonAsync("/tokens/revocations")).ToString());
        await Eventually.HoldsAsync(async () => !await Stored(), "the expired revocation's row dropped", seconds: 10);
    }
}
