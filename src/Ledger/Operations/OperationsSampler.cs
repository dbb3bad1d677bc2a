using JasperFx.Core;
using Ledger.Webhooks;
using Marten;
using Wolverine.Runtime;

namespace Ledger.Operations;

public sealed record ProjectionSample(string Shard, long Lag, double AgeSeconds);

public sealed record OperationsSnapshot(
    IReadOnlyList<ProjectionSample> Projections, IReadOnlyDictionary<string, long> Deliveries, IReadOnlyDictionary<string, long> DeadLetters)
{
    public static readonly OperationsSnapshot Empty = new([], new Dictionary<string, long>(), new Dictionary<string, long>());
}

/// <summary>
/// Reads what the gauges of <see cref="LedgerMetrics"/> show from PostgreSQL: projection progress, deliveries by status,
/// dead letters. Gauge callbacks are synchronous and Marten's synchronous APIs throw, so the reading is done ahead of
/// time: before each Prometheus scrape, and on a timer when metrics are exported over OTLP. A failed reading (the
/// database is down) keeps the previous snapshot and logs one warning with the error's type only.
/// </summary>
/// <remarks>
/// The store and the Wolverine runtime are resolved on first use, not injected: the store's own configuration
/// (<see cref="CommittedWarnings"/>) needs <see cref="LedgerMetrics"/>, which needs this sampler.
/// </remarks>
public sealed class OperationsSampler(IServiceProvider services, ILogger<OperationsSampler> log)
{
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();

    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _sampledAt = DateTimeOffset.MinValue;

    public OperationsSnapshot Latest { get; private set; } = OperationsSnapshot.Empty;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (DateTimeOffset.UtcNow - _sampledAt < MinimumInterval) return; // scrapes in a burst share one reading
            Latest = new OperationsSnapshot(await ProjectionsAsync(ct), await DeliveriesAsync(ct), await DeadLettersAsync(ct));
            _sampledAt = DateTimeOffset.UtcNow;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Operations metrics could not be read from the database: {Error}", e.GetType().Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<ProjectionSample>> ProjectionsAsync(CancellationToken ct)
    {
        var head = (await Store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber;
        var samples = new List<ProjectionSample>();
        await using var session = Store.QuerySession();
        var positions = (await Store.Advanced.AllProjectionProgress(token: ct)).ToDictionary(p => p.ShardName, p => p.Sequence);
        // Every configured async shard, including one the daemon has not recorded a position for yet (it is at 0).
        var shards = ((StoreOptions)Store.Options).Projections.AllShards().Select(s => s.Name.Identity).Union(positions.Keys)
            .Where(name => !name.StartsWith("HighWaterMark", StringComparison.Ordinal));
        foreach (var shard in shards)
        {
            var position = positions.GetValueOrDefault(shard);
            var lag = Math.Max(0, head - position);
            var age = 0.0;
            if (lag > 0)
            {
                var oldest = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > position)
                    .OrderBy(e => e.Sequence).Take(1).ToListAsync(ct);
                if (oldest.Count == 1) age = Math.Max(0, (DateTimeOffset.UtcNow - oldest[0].Timestamp).TotalSeconds);
            }
            samples.Add(new ProjectionSample(shard, lag, age));
        }
        return samples;
    }

    private async Task<IReadOnlyDictionary<string, long>> DeliveriesAsync(CancellationToken ct)
    {
        await using var session = Store.QuerySession();
        var counts = new Dictionary<string, long>();
        foreach (var status in Enum.GetValues<DeliveryStatus>())
            counts[status.ToString().ToLowerInvariant()] = await session.Query<WebhookDelivery>().CountAsync(d => d.Status == status, ct);
        return counts;
    }

    private async Task<IReadOnlyDictionary<string, long>> DeadLettersAsync(CancellationToken ct)
    {
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        var counts = await runtime.Storage.DeadLetters.SummarizeAllAsync(runtime.Options.ServiceName, TimeRange.AllTime(), ct);
        return counts.GroupBy(c => c.MessageType).ToDictionary(g => g.Key, g => (long)g.Sum(c => c.Count));
    }
}

/// <summary>Keeps the gauges fresh for a push exporter (OTLP), which does not scrape.</summary>
public sealed class PeriodicSampling(OperationsSampler sampler) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        while (await timer.WaitForNextTickAsync(stoppingToken)) await sampler.RefreshAsync(stoppingToken);
    }
}
