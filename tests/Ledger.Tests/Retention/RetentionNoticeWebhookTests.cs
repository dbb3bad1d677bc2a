using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;
using Ledger.Tests.Webhooks;

namespace Ledger.Tests.Retention;

/// <summary>A retention notice reaches the holder's webhooks once, signed like every delivery. Own fixture: it subscribes.</summary>
public class RetentionNoticeWebhookTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task An_overstayers_notice_is_delivered_once_signed_with_type_retentionNotice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await app.Http.SubscribeAsync(receiver.Url);
        var id = await app.RegisterTravellerAsync("US");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var entry = today.AddMonths(1).AddYears(-5).AddDays(-89);
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync($"/travellers/{id}/crossings",
            new { crossingId = "notice-in", direction = "entry", country = "AT", date = entry.ToString("yyyy-MM-dd") })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.Http.PostAsync("/retention/sweeps", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.PostAsync("/retention/sweeps", null)).StatusCode);

        bool IsNotice((string Body, string? Signature) r) => r.Body.Contains("\"retentionNotice\"") && r.Body.Contains(id.ToString());
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Any(IsNotice)), "the notice's delivery");
        await Task.Delay(1500); // a second notice would be delivered by now
        var (body, signature) = Assert.Single(receiver.Received, IsNotice);
        Assert.Equal(WebhookScenario.SignatureFor(body, WebhookScenario.Secret), signature);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("retentionNotice", json.GetProperty("type").GetString());
        Assert.Equal("AT", json.GetProperty("retention").GetProperty("holder").GetString());
        Assert.Equal(today.AddMonths(1).ToString("yyyy-MM-dd"), json.GetProperty("retention").GetProperty("erasureDay").GetString());
    }
}
