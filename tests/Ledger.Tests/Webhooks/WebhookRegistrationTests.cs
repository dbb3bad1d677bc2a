using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;

namespace Ledger.Tests.Webhooks;

/// <summary>Registration refuses URLs webhooks may not reach with a 400 naming the field (the test host allows loopback).</summary>
public class WebhookRegistrationTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    private async Task<string> RefusedAsync(string url)
    {
        var before = await app.Http.SubscriptionIdsAsync();
        var response = await app.Http.PostAsJsonAsync("/webhooks", new { url, secret = WebhookScenario.Secret });
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("url", problem.GetProperty("field").GetString());
        Assert.Equal(before, await app.Http.SubscriptionIdsAsync());
        return problem.GetProperty("detail").GetString()!;
    }

    [Theory]
    [InlineData("https://10.0.0.1/hook", "url host resolves to a private address")]
    [InlineData("https://172.16.5.4/hook", "url host resolves to a private address")]
    [InlineData("https://192.168.1.1/hook", "url host resolves to a private address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "url host resolves to a link-local address")]
    [InlineData("https://100.64.0.1/hook", "url host resolves to a shared (carrier-grade NAT) address")]
    [InlineData("https://[fd00::1]/hook", "url host resolves to a private address")]
    [InlineData("https://[fe80::1]/hook", "url host resolves to a link-local address")]
    [InlineData("https://[::ffff:192.168.1.1]/hook", "url host resolves to a private address")]
    [InlineData("https://0.0.0.0/hook", "url host resolves to an unspecified address")]
    [InlineData("https://224.0.0.1/hook", "url host resolves to a multicast address")]
    [InlineData("http://10.0.0.1/hook", "url host resolves to a private address")]
    [InlineData("https://hooks.ledger-test.invalid/hook", "url host could not be resolved")]
    [InlineData("ftp://127.0.0.1/hook", "url must use https")]
    [InlineData("hook", "url is not an absolute URL")]
    [InlineData("https://user:pass@127.0.0.1/hook", "url must not contain a user name or password")]
    public async Task Urls_webhooks_may_not_reach_are_400(string url, string expected) => Assert.Equal(expected, await RefusedAsync(url));

    [Fact]
    public async Task A_huge_url_is_refused_without_being_echoed()
    {
        var huge = "https://hooks.example.org/" + new string('x', 100_000);
        var response = await app.Http.PostAsJsonAsync("/webhooks", new { url = huge, secret = WebhookScenario.Secret });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("url is longer than 2048 characters", body);
        Assert.True(body.Length < 1_000, $"the problem is {body.Length} characters long");
    }

    [Fact]
    public async Task Loopback_is_accepted_when_the_host_allows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await app.Http.SubscribeAsync(receiver.Url);
        await app.Http.SubscribeAsync(receiver.Url.Replace("127.0.0.1", "localhost"));
        var response = await app.Http.PostAsync("/webhooks", new StringContent(
            $$"""{ "url": "https://[::1]/hook", "secret": "{{WebhookScenario.Secret}}" }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
