using Ledger.Hosting;
using System.Collections.Frozen;
using Marten;

namespace Ledger.Access;

/// <summary>
/// This node's copy of the revocation table, read every <see cref="Refresh"/> (1 s): a revoked token is refused on every
/// node within about a second of the revocation's commit (the promise is 5 s), and checking a token costs a set look-up,
/// not a database round trip. Polling rather than LISTEN/NOTIFY: a notification missed while a node's listening
/// connection was down would leave that node accepting the token until restart, whereas the next read always catches up;
/// the read is one query of a table holding only revocations still in force (rows go at their expiry), so it
/// costs each node one small query a second. The first read happens before the service listens. When a read fails
/// (the database is away) the last set is kept, so nothing revoked becomes valid again.
/// </summary>
public sealed class RevokedTokens(IDocumentStore store, TimeProvider clock, ILogger<RevokedTokens> log) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private volatile FrozenSet<string> _revoked = FrozenSet<string>.Empty;

    /// <summary>Whether a token with this id has been revoked (as of this node's last read, at most ~1 s old).</summary>
    public bool IsRevoked(string? jti) => jti is not null && _revoked.Contains(jti);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await ReadAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning("Revoked tokens could not be read at start ({Error}); retrying every second", e.GetType().Name); }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false; // one warning per outage, not one a second
        return Rounds.RepeatAsync(Refresh, async ct => { await ReadAsync(ct); failing = false; }, e =>
        {
            if (!failing) log.LogWarning("Revoked tokens could not be read ({Error}); the last list read stays in force", e.GetType().Name);
            failing = true;
        }, stoppingToken);
    }

    /// <summary>Reads the revocations in force; drops those past their expiry (only when there are some: no write otherwise).</summary>
    public async Task ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var all = await session.Query<TokenRevocation>().Select(r => new { r.Id, r.Expires }).ToListAsync(ct);
        _revoked = all.Where(r => r.Expires > now).Select(r => r.Id).ToFrozenSet(StringComparer.Ordinal);
        if (all.Any(r => r.Expires <= now))
        {
            await using var write = store.LightweightSession();
            write.DeleteWhere<TokenRevocation>(r => r.Expires <= now);
            await write.SaveChangesAsync(ct);
        }
    }
}
