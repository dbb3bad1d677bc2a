using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Hosting;

/// <summary>How long an async projection may make no progress while events wait for it (<c>Ledger:Projections:StallAfter</c>).</summary>
public sealed class ProjectionHealthOptions
{
    public const string Section = "Ledger:Projections";
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Surfaces async projections that stop or fall behind. A shard is <b>stalled</b> when events wait for it and its
/// position has not moved for <see cref="ProjectionHealthOptions.StallAfter"/>, however small its lag: /health is then
/// Unhealthy (HTTP 503) and names it. A shard more than <see cref="MaxLag"/> events behind but moving is Degraded.
/// Positions are remembered between checks (a singleton), so a stall is seen by any monitor that polls /health.
/// </summary>
public sealed class ProjectionHealthCheck(IDocumentStore store, ProjectionHealthOptions options, TimeProvider clock) : IHealthCheck
{
    public const long MaxLag = 10_000;

    private readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> _positions = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var head = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber;
        var shards = await store.Advanced.AllProjectionProgress(token: ct);
        var data = shards.ToDictionary(s => s.ShardName, s => (object)(head - s.Sequence));
        var stalled = new List<string>();
        foreach (var shard in shards)
        {
            var seen = _positions.AddOrUpdate(shard.ShardName, (shard.Sequence, now),
                (_, previous) => previous.Sequence == shard.Sequence ? previous : (shard.Sequence, now));
            if (head > shard.Sequence && now - seen.Since >= options.StallAfter) stalled.Add(shard.ShardName);
        }
        if (stalled.Count > 0)
            return HealthCheckResult.Unhealthy($"projections making no progress for {options.StallAfter} while events wait: {string.Join(", ", stalled)}", data: data);
        var behind = shards.Where(s => head - s.Sequence > MaxLag).Select(s => s.ShardName).ToList();
        return behind.Count == 0
            ? HealthCheckResult.Healthy("async projections are keeping up", data)
            : HealthCheckResult.Degraded($"projections more than {MaxLag} events behind: {string.Join(", ", behind)}", data: data);
    }
}
