using System.Security.Cryptography;
using System.Text;

namespace Ledger.Webhooks;

/// <summary>A receiver of warnings. The secret signs every delivery; it is never returned by the API.</summary>
public sealed record WebhookSubscription(Guid Id, string Url, string Secret, DateTimeOffset CreatedAt);

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>One warning to one subscription: the exact body sent (so a replay sends the same bytes), and how it went.</summary>
public sealed record WebhookDelivery(
    Guid Id, Guid SubscriptionId, string WarningId, string Body, DeliveryStatus Status, int Attempts,
    string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt)
{
    /// <summary>Deterministic: the same warning fanned out twice (a redelivered message) maps to the same delivery.</summary>
    public static Guid IdFor(Guid subscriptionId, string warningId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{subscriptionId:N}|{warningId}")));
}

public static class WebhookSignature
{
    public const string Header = "X-Ledger-Signature";

    /// <summary><c>sha256=</c> + lower-case hex HMAC-SHA256 of the raw body, keyed with the subscription's secret.</summary>
    public static string For(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}

/// <summary>Retry schedule for failed deliveries (<c>Ledger:Webhooks:Backoff</c>); after the last one a delivery is marked failed.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Ledger:Webhooks";

    private static readonly TimeSpan[] DefaultBackoff =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>Configured delays (empty: the defaults). Kept empty by default because configuration binding appends to arrays.</summary>
    public TimeSpan[] Backoff { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveBackoff => Backoff.Length > 0 ? Backoff : DefaultBackoff;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
