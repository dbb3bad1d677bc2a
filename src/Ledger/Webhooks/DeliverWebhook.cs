using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Access;
using Ledger.Projections.Warnings;
using Marten;
using Wolverine;

namespace Ledger.Webhooks;

/// <summary>Send one delivery (durable local queue; retried on a schedule until it succeeds or gives up).</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

public static class DeliverWebhookHandler
{
    public const string HttpClientName = "webhooks";

    /// <summary>How one attempt went: no error (delivered), an error worth retrying, or a final one (never retried).</summary>
    private sealed record Attempt(string? Error, bool Final)
    {
        public static readonly Attempt Delivered = new(null, false);
        public static Attempt Retry(string error) => new(error, false);
        public static Attempt Refused(string reason) => new($"refused, not sent: {reason}", true);
    }

    public static async Task<OutgoingMessages> Handle(
        DeliverWebhook command, IDocumentSession session, IDocumentStore store, IHttpClientFactory clients, WebhookOptions options, WebhookUrlPolicy urls,
        WebhookSecrets secrets, RevokedTokens revoked, TimeProvider clock, ILogger<DeliverWebhook> log, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var delivery = await session.LoadAsync<WebhookDelivery>(command.DeliveryId, ct);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending) return messages; // delivered, failed, or replayed meanwhile
        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct);
        if (subscription is null) { session.Store(delivery with { Status = DeliveryStatus.Failed, LastError = "subscription removed" }); return messages; }
        if (WebhookPause.IsPaused(subscription, revoked))
        {
            if (!subscription.Paused) session.Store(subscription with { Paused = true });
            session.Store(delivery with { Status = DeliveryStatus.Failed, LastError = WebhookPause.Reason });
            return messages;
        }

        var url = new Uri(subscription.Url);
        var attempts = delivery.Attempts + 1;
        // Committed before the request leaves, on its own: if the service dies while the receiver holds the request, the
        // record says an attempt was in flight, and the retry that follows may deliver a second time (at least once).
        await using (var before = store.LightweightSession())
        {
            before.Store(delivery with { Attempts = attempts, LastAttemptAt = clock.GetUtcNow(), AttemptInFlightSince = clock.GetUtcNow() });
            await before.SaveChangesAsync(ct);
        }
        var attempt = await AttemptAsync(clients.CreateClient(HttpClientName), url, subscription, delivery, options, urls, secrets, ct);
        var now = clock.GetUtcNow();
        if (attempt.Error is null)
        {
            session.Store(delivery with { Status = DeliveryStatus.Delivered, Attempts = attempts, LastError = null, LastAttemptAt = now, DeliveredAt = now, AttemptInFlightSince = null });
            return messages;
        }

        // Never the whole URL: its path and query may hold the receiver's tokens.
        log.LogWarning("Webhook delivery {DeliveryId} to {Destination} (subscription {SubscriptionId}) failed (attempt {Attempt}): {Error}",
            delivery.Id, WebhookUrlPolicy.ForLog(url), subscription.Id, attempts, attempt.Error);
        var givesUp = attempt.Final || attempts > options.EffectiveBackoff.Count;
        session.Store(delivery with { Status = givesUp ? DeliveryStatus.Failed : DeliveryStatus.Pending, Attempts = attempts, LastError = attempt.Error, LastAttemptAt = now, AttemptInFlightSince = null });
        if (!givesUp) messages.Delay(command, options.EffectiveBackoff[attempts - 1]);
        return messages;
    }

    private static async Task<Attempt> AttemptAsync(
        HttpClient client, Uri url, WebhookSubscription subscription, WebhookDelivery delivery, WebhookOptions options, WebhookUrlPolicy urls,
        WebhookSecrets secrets, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);

        // What the host resolves to may have changed since it was registered: check again, and send nothing if refused.
        // (The connector checks once more at connect time, against a change between this look-up and the connection.)
        try
        {
            if (urls.Refusal(url, await WebhookUrlPolicy.ResolveAsync(url, timeout.Token)) is { } refusal) return Attempt.Refused(refusal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return Attempt.Retry("url host could not be resolved");
        }

        if (secrets.TryUnprotect(subscription.ProtectedSecret) is not { } secret)
            return Attempt.Refused("the subscription's secret cannot be decrypted (its key is not in the key ring); subscribe again");

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.For(delivery.Body, secret));
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.WarningIdHeader, delivery.WarningId);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? Attempt.Delivered : Attempt.Retry($"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return WebhookConnector.RefusalIn(e) is { } refused ? Attempt.Refused(refused.Message) : Attempt.Retry(e.Message);
        }
    }
}
