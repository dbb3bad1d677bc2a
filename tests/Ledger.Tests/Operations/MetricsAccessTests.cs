using System.Net;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Operations;

/// <summary>The service as a scraper on another machine sees it: no anonymous scrapes (this host treats loopback as remote).</summary>
public sealed class RemoteScrapeApp : LedgerApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ledger:Telemetry:AnonymousMetricsOnLoopback"] = "false",
    };
}

[Collection(AloneWithItsMeters.Name)]
public class MetricsAccessTests(RemoteScrapeApp app) : IClassFixture<RemoteScrapeApp>
{
    [Fact]
    public async Task From_elsewhere_metrics_need_an_admin_token()
    {
        var anonymous = await app.Anonymous().GetAsync("/metrics");
        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Admin))
            await Problem.AssertAsync(await app.ClientAs([role], ["FR"]).GetAsync("/metrics"), HttpStatusCode.Forbidden);

        var scrape = await Scrape.FromAsync(app.ClientAs([Role.Admin]));
        Assert.NotNull(scrape.Value("ledger_dead_letters"));
    }
}
