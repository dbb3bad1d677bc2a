using JasperFx;
using JasperFx.Events.Daemon;

namespace Ledger.Hosting;

/// <summary>When and how often a paused async shard is started again (<c>Ledger:Projections</c>).</summary>
public sealed class ShardRestartOptions
{
    /// <summary>How often the supervisor looks for paused shards.</summary>
    public TimeSpan RestartCheckEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The first restart waits this long after the pause is seen; each further one for the same shard doubles it.</summary>
    public TimeSpan RestartFirstAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two restarts of the same shard (a poison event keeps failing; the stall check reports it).</summary>
    public TimeSpan RestartAtMostEvery { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Starts a paused async shard again, with back-off. Marten's daemon pauses a shard once its own retries are spent;
/// Wolverine's distribution restarts shards paused by transient failures (timeouts, exhausted pools) but leaves the
/// rest alone, so a shard that failed on anything else (a table renamed or locked away for a while, a permission
/// revoked and granted again) stayed paused until the service restarted, while events waited. Restarting is safe:
/// a shard resumes from its stored progress and never skips an event. A shard that keeps failing is restarted less
/// and less often, and <see cref="ProjectionHealthCheck"/> reports it as stalled meanwhile.
/// </summary>
public sealed class ShardSupervisor(Marten.Events.Daemon.Coordination.IProjectionCoordinator coordinator, ShardRestartOptions options, ILogger<ShardSupervisor> logger)
    : BackgroundService
{
    private readonly Dictionary<string, (int Restarts, DateTimeOffset NotBefore)> _backoff = new();

    // The database may be down; the next tick tries again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Rounds.RepeatAsync(options.RestartCheckEvery, RestartPausedShardsAsync,
        e => logger.LogDebug("Shard supervision skipped a round ({Error})", e.GetType().Name), stoppingToken);

    private async Task RestartPausedShardsAsync(CancellationToken ct)
    {
        // Wall-clock time, not the ledger's TimeProvider (which says what day it is for the rules, and tests move it).
        var now = TimeProvider.System.GetUtcNow();
        foreach (var daemon in await coordinator.AllDaemonsAsync())
        {
            foreach (var agent in daemon.CurrentAgents())
            {
                var shard = agent.Name.Identity;
                if (agent.Status != AgentStatus.Paused)
                {
                    // Running again for a full back-off ceiling: the next failure starts the count over.
                    if (_backoff.TryGetValue(shard, out var seen) && now - seen.NotBefore > options.RestartAtMostEvery) _backoff.Remove(shard);
                    continue;
                }
                if (!_backoff.TryGetValue(shard, out var state))
                {
                    _backoff[shard] = (0, now + options.RestartFirstAfter);
                    continue;
                }
                if (now < state.NotBefore) continue;

                var restarts = state.Restarts + 1;
                var wait = TimeSpan.FromTicks(Math.Min(options.RestartAtMostEvery.Ticks, options.RestartFirstAfter.Ticks << Math.Min(restarts, 20)));
                _backoff[shard] = (restarts, now + wait);
                logger.LogWarning("Async projection shard {Shard} was paused ({Category}); starting it again (restart {Restarts}, next at the earliest in {Wait})",
                    shard, agent.Failure?.Category.ToString() ?? "no reason given", restarts, wait);
                await daemon.StartAgentAsync(agent.Name, ct);
            }
        }
    }
}
