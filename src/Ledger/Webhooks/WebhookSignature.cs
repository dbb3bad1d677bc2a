using System.Security.Cryptography;
using System.Text;

namespace Ledger.Webhooks;

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
