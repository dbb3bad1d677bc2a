using System.Net;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>The service trusting the development key (how every test host runs): what it refuses, and what it leaves open.</summary>
public class DevelopmentKeyAuthenticationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task No_token_is_a_401_problem_that_names_the_bearer_scheme()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/webhooks");

        var body = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Contains("bearer token is required", body.GetProperty("detail").GetString());
    }

    public static TheoryData<string> RefusedTokens =>
    [
        "garbage",
        "signed with another key",
        "for another audience",
        "from another issuer",
        "expired",
        "not yet valid",
        "without expiry",
        "unsigned",
        "without an id (jti)",
    ];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Other_tokens_are_a_401_problem(string which)
    {
        var roles = new[] { Role.Caseworker };
        var otherKey = Enumerable.Repeat((byte)7, 32).ToArray();
        var token = which switch
        {
            "garbage" => "not-a-jwt",
            "signed with another key" => Issue(new AuthOptions { SigningKey = Convert.ToBase64String(otherKey) }, roles),
            "for another audience" => Issue(new AuthOptions { SigningKey = LedgerApp.SigningKey, Audience = "another-service" }, roles),
            "from another issuer" => (TokenSpec.Development(roles) with { Issuer = "someone-else" }).Create(),
            "expired" => Issue(LedgerApp.Auth, roles, issuedAt: DateTimeOffset.UtcNow.AddHours(-2)),
            "not yet valid" => Issue(LedgerApp.Auth, roles, issuedAt: DateTimeOffset.UtcNow.AddHours(1)),
            "without expiry" => (TokenSpec.Development(roles) with { Lifetime = null }).Create(),
            "unsigned" => (TokenSpec.Development(roles) with { SignedBy = null }).Create(),
            "without an id (jti)" => (TokenSpec.Development(roles) with { Id = null }).Create(),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        using var valid = app.WithToken(Issue(LedgerApp.Auth, roles));
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/webhooks")).StatusCode);

        using var refused = app.WithToken(token);
        var response = await refused.GetAsync("/webhooks");

        var body = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Contains("not valid", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_openapi_document_need_no_token(string path)
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_401_without_a_token_and_404_with_one()
    {
        using var anonymous = app.Anonymous();
        await Problem.AssertAsync(await anonymous.GetAsync("/no/such/route"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/no/such/route")).StatusCode);
    }

    private static string Issue(AuthOptions options, IReadOnlyList<Role> roles, DateTimeOffset? issuedAt = null) =>
        DevelopmentTokens.Issue(options, new TokenRequest("test-client", roles, [], null, TimeSpan.FromHours(1)), issuedAt ?? DateTimeOffset.UtcNow);
}
