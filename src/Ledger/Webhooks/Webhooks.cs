using System.Security.Cryptography;
using System.Text;

namespace Ledger.Webhooks;

/// <summary>
/// A receiver of warnings. Only the Data Protection payload of the secret is stored (<see cref="WebhookSecrets"/>);
/// the secret signs every delivery and is never returned by the API. <see cref="Owner"/> is null only for
/// subscriptions made before ownership existed: those receive nothing and only admins see them.
/// <see cref="RegisteredWith"/> is the <c>jti</c> of the token that registered it (or an admin's that re-registered it);
/// when that token is revoked the subscription is <see cref="Paused"/>, and stays so until an admin re-registers it
/// (<see cref="WebhookPause"/>).
/// </summary>
public sealed record WebhookSubscription(Guid Id, string Url, string ProtectedSecret, DateTimeOffset CreatedAt, WebhookOwner? Owner,
    string? RegisteredWith = null, bool Paused = false);

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

public static class WebhookSignature
{
    public const string Header = "X-Ledger-Signature";
    /// <summary>The same for every attempt and replay of one delivery: what a receiver keys its de-duplication on.</summary>
    public const string DeliveryIdHeader = "X-Ledger-Delivery-Id";
    public const string WarningIdHeader = "X-Ledger-Warning-Id";

    /// <summary><c>sha256=</c> + lower-case hex HMAC-SHA256 of the raw body, keyed with the subscription's secret.</summary>
    public static string For(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
