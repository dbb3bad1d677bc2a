using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Marten;

namespace Ledger.Travellers;

/// <summary>
/// At start-up, before the service listens: every stored <see cref="Traveller"/> snapshot that lacks one of its books
/// (a snapshot written before that book existed) is rebuilt from its stream with Marten's single-stream rebuild, so
/// code can rely on every part of a snapshot being present. A store with none to rebuild costs one indexed query.
/// </summary>
public sealed class SnapshotUpgrade(IDocumentStore store, ILogger<SnapshotUpgrade> log) : IHostedService
{
    /// <summary>The snapshot's parts that older shapes lack, as stored (the document's property names).</summary>
    private static readonly string[] Books = ["Evidence", "Warnings", "Movements", "Plans", "Authorisations"];

    public async Task StartAsync(CancellationToken ct)
    {
        var rebuilt = await RunAsync(store, ct);
        if (rebuilt > 0) log.LogInformation("Rebuilt {Count} traveller snapshots of an older shape from their events", rebuilt);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <returns>How many snapshots were rebuilt.</returns>
    public static async Task<int> RunAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var missing = string.Join(" OR ", Books.Select(b => $"coalesce(data->'{b}', 'null'::jsonb) = 'null'::jsonb"));
        var ids = await session.AdvancedSql.QueryAsync<Guid>($"SELECT id FROM {LedgerStore.Schema}.mt_doc_traveller WHERE {missing}", ct);
        foreach (var id in ids) await store.Advanced.RebuildSingleStreamAsync<Traveller>(id, ct);
        return ids.Count;
    }
}
