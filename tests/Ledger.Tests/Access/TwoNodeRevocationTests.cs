using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>
/// Two nodes on one database: this fixture's in-process service and a second service in a process of its own. A token
/// revoked through one is refused by both within 5 seconds (each reads the revocations every second).
/// </summary>
public class TwoNodeRevocationTests(LedgerApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_token_revoked_on_one_node_answers_401_on_the_other_within_5_seconds()
    {
        await using var other = await ServiceProcess.StartAsync(app.ConnectionString);
        var token = app.TokenFor([Role.Caseworker], ["FR"], subject: "leaked-two-nodes");
        using var onOther = other.ClientWithToken(token);
        using var here = app.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/webhooks")).StatusCode);

        var revoked = await app.Http.PostAsJsonAsync("/tokens/revocations",
            new { jti = TokenRevocationTests.IdOf(token), expires = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.Created, revoked.StatusCode);
        var clock = Stopwatch.StartNew();

        var pending = new Dictionary<string, HttpClient> { ["the other node"] = onOther, ["this node"] = here };
        var seenAt = new Dictionary<string, TimeSpan>();
        while (pending.Count > 0)
        {
            foreach (var (node, client) in pending.ToList())
                if ((await client.GetAsync("/webhooks")).StatusCode == HttpStatusCode.Unauthorized)
                {
                    seenAt[node] = clock.Elapsed;
                    pending.Remove(node);
                }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5),
                $"still accepted after 5 s on {string.Join(", ", pending.Keys)} (refused: {string.Join(", ", seenAt.Select(s => $"{s.Key} at {s.Value.TotalMilliseconds:0} ms"))})");
            await Task.Delay(50);
        }
        output.WriteLine($"refused after the revocation's 201: {string.Join(", ", seenAt.Select(s => $"{s.Key} {s.Value.TotalMilliseconds:0} ms"))}");
    }
}
