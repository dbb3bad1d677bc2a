using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Hosting;
using Ledger.Projections.Warnings;
using Marten;
using Wolverine;

namespace Ledger.Webhooks;

/// <summary>Send one delivery (durable local queue; retried on a schedule until it succeeds or gives up).</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>
/// A published warning becomes one delivery per subscription whose owner may read it. Runs from the durable outbox,
/// so it happens if and only if the warning was committed; a redelivered warning finds its deliveries already there
/// and adds nothing.
/// </summary>
public static class FanOutWarningHandler
{
    public static Task<OutgoingMessages> Handle(WarningIssued warning, IDocumentSession session, CancellationToken ct) =>
        WarningFanOut.ToSubscribersAsync(session, warning, warning.WarningId, warning.Retention is null ? "warningIssued" : "retentionNotice", warning, ct);
}

/// <summary>
/// A withdrawal goes to every subscription that may read the warning it takes back (signed and retried like the
/// warning; its own delivery id, so a receiver that kept the warning's delivery id does not drop it as a repeat).
/// </summary>
public static class FanOutWarningWithdrawnHandler
{
    public static Task<OutgoingMessages> Handle(WarningWithdrawn withdrawn, IDocumentSession session, CancellationToken ct) =>
        WarningFanOut.ToSubscribersAsync(session, withdrawn.Warning, $"withdrawn:{withdrawn.WarningId}", "warningWithdrawn", withdrawn, ct);
}

public static class WarningFanOut
{
    /// <summary>
    /// One delivery of <paramref name="published"/> per subscription whose owner may read <paramref name="warning"/>.
    /// The body is the published record with <c>type</c> (warningIssued, warningWithdrawn) and the delivery's id.
    /// </summary>
    public static async Task<OutgoingMessages> ToSubscribersAsync(
        IDocumentSession session, WarningIssued warning, string deliveryKey, string type, object published, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var publishedJson = JsonSerializer.SerializeToNode(published, published.GetType(), LedgerJson.Options)!.AsObject();
        foreach (var subscription in await session.Query<WebhookSubscription>().ToListAsync(ct))
        {
            // The owner's scope, as it was when it subscribed: a caseworker hears of stays in its countries only.
            if (subscription.Owner is not { } owner || !owner.MayRead(warning)) continue;
            var id = WebhookDelivery.IdFor(subscription.Id, deliveryKey);
            if (await session.LoadAsync<WebhookDelivery>(id, ct) is not null) continue;
            // What was published, plus this delivery's id: receivers drop a delivery id they have already seen.
            var body = new JsonObject { ["deliveryId"] = id, ["type"] = type };
            foreach (var (key, value) in publishedJson) body[key] = value?.DeepClone();
            session.Insert(new WebhookDelivery(id, subscription.Id, warning.WarningId, body.ToJsonString(LedgerJson.Options), DeliveryStatus.Pending, 0, null, null, null,
                owner.Subject));
            messages.Add(new DeliverWebhook(id));
        }
        return messages;
    }
}

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
        WebhookSecrets secrets, TimeProvider clock, ILogger<DeliverWebhook> log, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var delivery = await session.LoadAsync<WebhookDelivery>(command.DeliveryId, ct);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending) return messages; // delivered, failed, or replayed meanwhile
        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct);
        if (subscription is null) { session.Store(delivery with { Status = DeliveryStatus.Failed, LastError = "subscription removed" }); return messages; }

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
