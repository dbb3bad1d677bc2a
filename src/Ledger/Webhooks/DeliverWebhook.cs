using System.Text;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Projections.Warnings;
using Marten;
using Wolverine;

namespace Ledger.Webhooks;

/// <summary>Send one delivery (durable local queue; retried on a schedule until it succeeds or gives up).</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>
/// A published warning becomes one delivery per subscription. Runs from the durable outbox, so it happens if and only
/// if the warning was committed; a redelivered warning finds its deliveries already there and adds nothing.
/// </summary>
public static class FanOutWarningHandler
{
    public static async Task<OutgoingMessages> Handle(WarningIssued warning, IDocumentSession session, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var body = JsonSerializer.Serialize(warning, LedgerJson.Options);
        foreach (var subscription in await session.Query<WebhookSubscription>().ToListAsync(ct))
        {
            var id = WebhookDelivery.IdFor(subscription.Id, warning.WarningId);
            if (await session.LoadAsync<WebhookDelivery>(id, ct) is not null) continue;
            session.Insert(new WebhookDelivery(id, subscription.Id, warning.WarningId, body, DeliveryStatus.Pending, 0, null, null, null));
            messages.Add(new DeliverWebhook(id));
        }
        return messages;
    }
}

public static class DeliverWebhookHandler
{
    public const string HttpClientName = "webhooks";

    public static async Task<OutgoingMessages> Handle(
        DeliverWebhook command, IDocumentSession session, IHttpClientFactory clients, WebhookOptions options, TimeProvider clock,
        ILogger<DeliverWebhook> log, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var delivery = await session.LoadAsync<WebhookDelivery>(command.DeliveryId, ct);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending) return messages; // delivered, failed, or replayed meanwhile
        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct);
        if (subscription is null) { session.Store(delivery with { Status = DeliveryStatus.Failed, LastError = "subscription removed" }); return messages; }

        var error = await TrySendAsync(clients.CreateClient(HttpClientName), subscription, delivery.Body, options.Timeout, ct);
        var attempts = delivery.Attempts + 1;
        var now = clock.GetUtcNow();
        if (error is null)
        {
            session.Store(delivery with { Status = DeliveryStatus.Delivered, Attempts = attempts, LastError = null, LastAttemptAt = now, DeliveredAt = now });
            return messages;
        }

        log.LogWarning("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed (attempt {Attempt}): {Error}",
            delivery.Id, subscription.Id, attempts, error);
        var givesUp = attempts > options.EffectiveBackoff.Count;
        session.Store(delivery with { Status = givesUp ? DeliveryStatus.Failed : DeliveryStatus.Pending, Attempts = attempts, LastError = error, LastAttemptAt = now });
        if (!givesUp) messages.Delay(command, options.EffectiveBackoff[attempts - 1]);
        return messages;
    }

    private static async Task<string?> TrySendAsync(HttpClient client, WebhookSubscription subscription, string body, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.For(body, subscription.Secret));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, timeoutSource.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }
}
