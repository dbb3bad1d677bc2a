using Ledger.Hosting;
using Marten;
using Wolverine;
using Ledger.Writing;

namespace Ledger.Warnings;

/// <summary>
/// The safety net under the scheduled checks, on every node: every <see cref="WarningOptions.CatchUpEvery"/> it asks
/// <see cref="LaterChecks"/> which checks are still owed <see cref="WarningOptions.CatchUpAfter"/> after 00:00 UTC of
/// their day, and runs them here. A scheduled message normally runs a check within seconds of midnight and removes its
/// row; a row still there means its message is late or lost (the node that had taken it died, and Wolverine releases a
/// dead node's messages only once it declares the node dead, 70-80 s later), so a check is never later than about
/// CatchUpAfter + CatchUpEvery + its own run time, whichever node dies. A check that also runs from its message, or on
/// both nodes, issues nothing twice: a warning id already in the stream is not issued again.
/// </summary>
public sealed class WarningCheckCatchUp(IServiceScopeFactory scopes, IDocumentStore store, TimeProvider clock, WarningOptions options,
    ILogger<WarningCheckCatchUp> log) : BackgroundService
{
    /// <summary>Checks run per round; a longer backlog waits for the next rounds.</summary>
    public const int Limit = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Rounds.RepeatAsync(options.CatchUpEvery, async ct =>
        {
            var ran = await CatchUpAsync(ct);
            if (ran > 0) log.LogInformation("Warning-check catch-up ran {Count} overdue checks", ran);
        },
        e => log.LogWarning("Warning-check catch-up failed ({Error}); trying again in {Interval}", e.GetType().Name, options.CatchUpEvery),
        stoppingToken);

    /// <summary>Runs the checks owed since at least <see cref="WarningOptions.CatchUpAfter"/> ago; returns how many ran.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        // A row's check is owed from 00:00 UTC of its day: owed long enough when that day is on or before this one.
        var owedBy = DateOnly.FromDateTime((clock.GetUtcNow() - options.CatchUpAfter).UtcDateTime);
        IReadOnlyList<Guid> owed;
        await using (var session = store.QuerySession())
            owed = await session.QueryAsync<Guid>($"SELECT traveller_id FROM {LaterChecks.Name} WHERE due <= ? ORDER BY due LIMIT ?", ct, owedBy, Limit);
        if (owed.Count == 0) return 0;

        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var ran = 0;
        foreach (var traveller in owed)
        {
            try
            {
                await bus.InvokeAsync(new CheckWarnings(traveller, Recording.System($"warning-check-catch-up:{traveller:N}")), ct);
                ran++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The row stays, so the next round tries again.
                log.LogWarning("A warning check of the catch-up failed ({Error}); it is tried again in the next round", e.GetType().Name);
            }
        }
        return ran;
    }
}
