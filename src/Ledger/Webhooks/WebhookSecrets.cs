using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Ledger.Webhooks;

/// <summary>
/// Subscription secrets are stored only as Data Protection payloads (authenticated encryption with the ledger's key
/// ring, kept in PostgreSQL by <see cref="MartenKeyRing"/> so every instance can decrypt) and decrypted only to sign.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    // The purpose is part of the key derivation: changing this string would make every stored secret unreadable.
    private readonly IDataProtector _protector = provider.CreateProtector("Ledger.Webhooks.SubscriptionSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The clear secret, or null when it cannot be decrypted (its key was lost, or the value was never protected).</summary>
    public string? TryUnprotect(string? protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret)) return null;
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
