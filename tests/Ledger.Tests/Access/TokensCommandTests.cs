using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Ledger.Tests.Access;

/// <summary>`tokens issue`, run in-process as Program.cs runs it: what it prints, the service accepts with exactly the rights asked for.</summary>
public class TokensCommandTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>The configuration the service itself runs with (the key from the environment, in real use).</summary>
    private static readonly IConfiguration WithTestKey = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:Auth:SigningKey"] = LedgerApp.SigningKey })
        .Build();

    private static string IssueToken(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = TokensCommand.Run(["issue", .. args], WithTestKey, output, error);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Empty(error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Assert.Single(lines).Trim();
    }

    private static Task<HttpResponseMessage> RecordCrossingAsync(HttpClient client, Guid traveller, string crossingId, string direction, string country, string date) =>
        client.PostAsJsonAsync($"/travellers/{traveller}/crossings", new { crossingId, direction, country, date });

    [Fact]
    public async Task A_traveller_token_reads_its_own_record_and_no_one_elses()
    {
        var own = await app.RegisterTravellerAsync("US");
        var other = await app.RegisterTravellerAsync("US");
        using var traveller = app.WithToken(IssueToken("--role", "traveller", "--traveller", own.ToString()));

        Assert.Equal(HttpStatusCode.OK, (await traveller.GetAsync($"/travellers/{own}/status")).StatusCode);
        await Problem.AssertAsync(await traveller.GetAsync($"/travellers/{other}/status"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_recorder_token_records_in_its_countries_under_its_subject()
    {
        var id = await app.RegisterTravellerAsync("US");
        using var recorder = app.WithToken(IssueToken("--role", "recorder", "--country", "FR", "--country", "ES", "--subject", "border-system/BCN"));

        Assert.Equal(HttpStatusCode.Created, (await RecordCrossingAsync(recorder, id, "c1", "entry", "ES", app.DaysAgo(3))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RecordCrossingAsync(recorder, id, "c2", "exit", "FR", app.DaysAgo(1))).StatusCode);
        await Problem.AssertAsync(await RecordCrossingAsync(recorder, id, "c3", "entry", "DE", app.DaysAgo(1)), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await recorder.GetAsync($"/travellers/{id}"), HttpStatusCode.Forbidden);

        var events = await app.GetJsonAsync($"/travellers/{id}/events");
        Assert.Equal("border-system/BCN", events.EnumerateArray().Last().GetProperty("recordedBy").GetString());
    }

    [Fact]
    public void Several_roles_and_the_lifetime_are_in_the_token()
    {
        var token = new JsonWebToken(IssueToken("--role", "caseworker", "--role", "auditor", "--hours", "2"));

        Assert.Equal(["caseworker", "auditor"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(TimeSpan.FromHours(2), token.ValidTo - token.IssuedAt);
        Assert.Equal(AuthOptions.DevelopmentIssuer, token.Issuer);
        Assert.Equal("developer", token.Subject);
    }
}
