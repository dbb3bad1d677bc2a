using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Webhooks;

/// <summary>With loopback not allowed (the default), loopback is refused at registration and again at every delivery.</summary>
public class WebhookRefusalTests(StrictWebhooksApp app) : IClassFixture<StrictWebhooksApp>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "url must use https")]
    [InlineData("https://127.0.0.1/hook", "url host resolves to a loopback address")]
    [InlineData("https://localhost/hook", "url host resolves to a loopback address")]
    [InlineData("https://[::1]/hook", "url host resolves to a loopback address")]
    public async Task Loopback_is_refused_at_registration(string url, string expected)
    {
        var response = await app.Http.PostAsJsonAsync("/webhooks", new { url, secret = WebhookScenario.Secret });
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_host_that_now_resolves_inward_is_not_sent_to_and_its_delivery_fails()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A subscription accepted when its name resolved to a public address, and whose name now resolves to
        // loopback (DNS changed): stored as registration would have stored it, since registration now refuses it.
        var url = receiver.Url.Replace("127.0.0.1", "localhost");
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), url,
            app.Services.GetRequiredService<WebhookSecrets>().Protect(WebhookScenario.Secret), DateTimeOffset.UtcNow,
            new WebhookOwner("test-suite", [Role.Admin], []));
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(subscription);
            await session.SaveChangesAsync();
        }

        var (_, warningId) = await app.WarningInAsync("FR");
        await Eventually.HoldsAsync(async () => (await app.Http.DeliveriesAsync("failed")).Any(d => d.IsFor(subscription.Id, warningId)), "the delivery to fail");
        var failed = (await app.Http.DeliveriesAsync("failed")).Single(d => d.IsFor(subscription.Id, warningId));
        Assert.Equal("refused, not sent: url host resolves to a loopback address", failed.GetProperty("lastError").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32()); // a refusal is final: no retries
        Assert.Empty(receiver.Received);
    }
}
