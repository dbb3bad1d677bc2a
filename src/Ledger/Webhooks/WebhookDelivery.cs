using System.Security.Cryptography;
using System.Text;

namespace Ledger.Webhooks;

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One warning to one subscription: the exact body sent (so a replay sends the same bytes), and how it went. The
/// owner's subject is copied from the subscription so its deliveries stay visible to it after it unsubscribes.
/// </summary>
/// <remarks>
/// Delivery is at least once. <see cref="AttemptInFlightSince"/> is committed before a request is sent and cleared with
/// its outcome, so an attempt the service died during shows as such (and <see cref="Attempts"/> counts it); its retry
/// may deliver the same warning again, with the same delivery id, for the receiver to drop.
/// </remarks>
public sealed record WebhookDelivery(
    Guid Id, Guid SubscriptionId, string WarningId, string Body, DeliveryStatus Status, int Attempts,
    string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, string? OwnerSubject,
    DateTimeOffset? AttemptInFlightSince = null)
{
    /// <summary>Deterministic: the same warning fanned out twice (a redelivered message) maps to the same delivery.</summary>
    public static Guid IdFor(Guid subscriptionId, string warningId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{subscriptionId:N}|{warningId}")));
}
