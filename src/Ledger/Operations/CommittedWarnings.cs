using Ledger.Projections.Warnings;
using Marten;
using Marten.Services;

namespace Ledger.Operations;

/// <summary>
/// Counts warnings when they are committed (every Marten session of the store reports here after its commit), so a
/// decision that lost a concurrency race and was retried is counted once, and a rolled-back one never.
/// </summary>
public sealed class CommittedWarnings(LedgerMetrics metrics) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
            if (e.Data is WarningIssued warning) metrics.WarningIssued(warning.Regime, warning.Threshold);
        return Task.CompletedTask;
    }
}
