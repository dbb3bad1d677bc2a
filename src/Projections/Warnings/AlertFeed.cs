using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Projections.Warnings;

/// <summary>One warning in the polling feed. <see cref="Id"/> is the event's global sequence: the feed cursor.</summary>
public sealed class AlertFeedEntry
{
    public long Id { get; set; }
    public Guid TravellerId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public WarningIssued Warning { get; set; } = null!;

    /// <summary>Set when this entry takes the warning back (null for the warning itself, and in entries stored before withdrawals existed).</summary>
    public WarningWithdrawal? Withdrawal { get; set; }
}

/// <summary>Why and when a warning was withdrawn.</summary>
public sealed record WarningWithdrawal(string Reason, DateOnly WithdrawnOn);

/// <summary>
/// Async projection of every <see cref="WarningIssued"/> and <see cref="WarningWithdrawn"/> into the feed. The daemon applies events in sequence order and
/// only up to its high-water mark (no gaps left behind by transactions still in flight), so a poller reading
/// "entries after my cursor" never skips one that commits later with a lower sequence.
/// </summary>
public sealed partial class AlertFeedProjection : EventProjection
{
    public AlertFeedProjection()
    {
        Name = "AlertFeed";
        // Only warnings and their withdrawals: the daemon then fetches and deserializes nothing else for this projection.
        IncludeType<WarningIssued>();
        IncludeType<WarningWithdrawn>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is WarningIssued warning)
            operations.Store(new AlertFeedEntry { Id = e.Sequence, TravellerId = warning.TravellerId, IssuedAt = e.Timestamp, Warning = warning });
        else if (e.Data is WarningWithdrawn withdrawn)
            operations.Store(new AlertFeedEntry
            {
                Id = e.Sequence, TravellerId = withdrawn.TravellerId, IssuedAt = e.Timestamp, Warning = withdrawn.Warning,
                Withdrawal = new WarningWithdrawal(withdrawn.Reason, withdrawn.WithdrawnOn),
            });
        return ValueTask.CompletedTask;
    }
}
