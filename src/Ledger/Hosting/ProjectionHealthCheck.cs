using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Hosting;

/// <summary>
/// Surfaces async projections that stop or fall behind: projection errors are never skipped (the daemon halts the
/// shard instead), so a stalled shard shows here as a growing lag, and /health turns Degraded with the shard named.
/// </summary>
public sealed class ProjectionHealthCheck(IDocumentStore store) : IHealthCheck
{
    public const long MaxLag = 10_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var head = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber;
        var shards = await store.Advanced.AllProjectionProgress(token: ct);
        var data = shards.ToDictionary(s => s.ShardName, s => (object)(head - s.Sequence));
        var behind = shards.Where(s => head - s.Sequence > MaxLag).Select(s => s.ShardName).ToList();
        return behind.Count == 0
            ? HealthCheckResult.Healthy("async projections are keeping up", data)
            : HealthCheckResult.Degraded($"projections more than {MaxLag} events behind: {string.Join(", ", behind)}", data: data);
    }
}
