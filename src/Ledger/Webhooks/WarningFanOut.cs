using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Warnings;
using Marten;
using Wolverine;

namespace Ledger.Webhooks;

/// <summary>
/// A published warning becomes one delivery per subscription whose owner may read it. Runs from the durable outbox,
/// so it happens if and only if the warning was committed; a redelivered warning finds its deliveries already there
/// and adds nothing.
/// </summary>
public static class FanOutWarningHandler
{
    public static Task<OutgoingMessages> Handle(WarningIssued warning, IDocumentSession session, RevokedTokens revoked, CancellationToken ct) =>
        WarningFanOut.ToSubscribersAsync(session, revoked, warning, warning.WarningId, warning.Retention is null ? "warningIssued" : "retentionNotice", warning, ct);
}

/// <summary>
/// A withdrawal goes to every subscription that may read the warning it takes back (signed and retried like the
/// warning; its own delivery id, so a receiver that kept the warning's delivery id does not drop it as a repeat).
/// </summary>
public static class FanOutWarningWithdrawnHandler
{
    public static Task<OutgoingMessages> Handle(WarningWithdrawn withdrawn, IDocumentSession session, RevokedTokens revoked, CancellationToken ct) =>
        WarningFanOut.ToSubscribersAsync(session, revoked, withdrawn.Warning, $"withdrawn:{withdrawn.WarningId}", "warningWithdrawn", withdrawn, ct);
}

public static class WarningFanOut
{
    /// <summary>
    /// One delivery of <paramref name="published"/> per subscription whose owner may read <paramref name="warning"/>.
    /// The body is the published record with <c>type</c> (warningIssued, warningWithdrawn) and the delivery's id.
    /// </summary>
    public static async Task<OutgoingMessages> ToSubscribersAsync(
        IDocumentSession session, RevokedTokens revoked, WarningIssued warning, string deliveryKey, string type, object published, CancellationToken ct)
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
            // A paused subscription gets its delivery on record, failed and unsent: replayable once re-registered.
            if (WebhookPause.IsPaused(subscription, revoked))
            {
                if (!subscription.Paused) session.Store(subscription with { Paused = true });
                session.Insert(new WebhookDelivery(id, subscription.Id, warning.WarningId, body.ToJsonString(LedgerJson.Options), DeliveryStatus.Failed, 0,
                    WebhookPause.Reason, null, null, owner.Subject));
                continue;
            }
            session.Insert(new WebhookDelivery(id, subscription.Id, warning.WarningId, body.ToJsonString(LedgerJson.Options), DeliveryStatus.Pending, 0, null, null, null,
                owner.Subject));
            messages.Add(new DeliverWebhook(id));
        }
        return messages;
    }
}
