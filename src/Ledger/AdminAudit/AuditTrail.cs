using Ledger.Access;
using Marten;

namespace Ledger.AdminAudit;

/// <summary>
/// The one call an admin act makes to be put on the audit trail: <c>AuditTrail.Record(session, caller, act, subject)</c>
/// queues one INSERT into <see cref="AdminAuditTable"/> on the act's own Marten session, so it commits in the same
/// transaction as the act (no act without its row, no row without its act). <paramref name="act"/> is a short dotted
/// name from <see cref="AdminActs"/>; <paramref name="subject"/> names what was acted on by id only (a dead letter's
/// id, a subscription's id, a token's jti): never personal data.
/// </summary>
public static class AuditTrail
{
    public static void Record(IDocumentSession session, Caller caller, string act, string subject) =>
        session.QueueSqlCommand(
            $"INSERT INTO {AdminAuditTable.Name} (id, actor, roles, act, subject, correlation_id) VALUES (?, ?, ?, ?, ?, ?)",
            Guid.CreateVersion7(), caller.Subject, caller.Roles.Select(r => r.ToString().ToLowerInvariant()).Order().ToArray(),
            act, subject, session.CorrelationId ?? "");
}

/// <summary>The acts on the trail, by name (others add theirs here).</summary>
public static class AdminActs
{
    public const string DeadLetterReplayed = "dead-letter.replayed";
    public const string DeadLettersReplayed = "dead-letters.replayed";
    public const string WebhookRegistered = "webhook.registered";
    public const string WebhookRemoved = "webhook.removed";
    public const string WebhookDeliveryReplayed = "webhook-delivery.replayed";
    public const string WebhookReregistered = "webhook.reregistered";
    public const string TokenRevoked = "token.revoked";
    public const string RetentionSwept = "retention.swept";
}
