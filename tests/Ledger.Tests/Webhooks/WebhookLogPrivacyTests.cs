using Ledger.Tests.Support;
using Ledger.Tests.Travellers;

namespace Ledger.Tests.Webhooks;

/// <summary>A failing delivery is logged with the receiver's origin only: no secret, no query string.</summary>
public class WebhookLogPrivacyTests(CapturedLogsApp app) : IClassFixture<CapturedLogsApp>
{
    [Fact]
    public async Task Failed_deliveries_are_logged_without_the_secret_or_the_query_string()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        const string secret = "secret-that-must-not-be-logged";
        const string token = "query-token-that-must-not-be-logged";
        var subscription = await app.Http.SubscribeAsync($"{receiver.Url}?token={token}", secret);
        receiver.FailNext(1);

        await app.WarningInAsync("FR");
        var origin = new Uri(receiver.Url).GetLeftPart(UriPartial.Authority);
        await Eventually.HoldsAsync(() => Task.FromResult(app.Messages.Any(m =>
            m.Contains(subscription.ToString()) && m.Contains("failed (attempt 1): HTTP 500") && m.Contains(origin))), "the failed attempt in the log");
        Assert.DoesNotContain(app.Messages, m => m.Contains(secret) || m.Contains(token));
    }
}
