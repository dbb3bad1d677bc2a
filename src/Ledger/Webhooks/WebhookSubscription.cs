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
