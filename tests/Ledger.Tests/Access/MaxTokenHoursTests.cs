using System.Net;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>
/// <c>Ledger:Auth:MaxTokenHours</c> (12 here, the default): a token that holds longer answers 401 however it was minted,
/// counted from the earliest of its iat, its nbf and now until its exp.
/// </summary>
public class MaxTokenHoursTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static readonly Role[] Roles = [Role.Caseworker];

    public static TheoryData<string, bool> Tokens => new()
    {
        { "1 hour", true },
        { "exactly 12 hours", true },
        { "12 hours and a minute", false },
        { "30 days", false },
        { "issued 11 hours ago for 13 hours (2 left)", false },
        { "without iat or nbf", false },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Tokens_that_hold_longer_than_the_limit_are_401(string which, bool accepted)
    {
        var now = DateTimeOffset.UtcNow;
        var token = which switch
        {
            "1 hour" => Issue(TimeSpan.FromHours(1), now),
            "exactly 12 hours" => Issue(TimeSpan.FromHours(12), now),
            "12 hours and a minute" => Issue(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1), now),
            "30 days" => Issue(TimeSpan.FromDays(30), now),
            "issued 11 hours ago for 13 hours (2 left)" => Issue(TimeSpan.FromHours(13), now.AddHours(-11)),
            "without iat or nbf" => (TokenSpec.Development(Roles) with { WithoutIssuedAt = true }).Create(),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        using var client = app.WithToken(token);
        var response = await client.GetAsync("/webhooks");
        if (accepted) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    // DevelopmentTokens itself has no upper limit: the service, not the minting, is what refuses.
    private static string Issue(TimeSpan lifetime, DateTimeOffset issuedAt) =>
        DevelopmentTokens.Issue(LedgerApp.Auth, new TokenRequest("test-client", Roles, [], null, lifetime), issuedAt);
}
