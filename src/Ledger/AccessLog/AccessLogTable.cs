using Npgsql;
using NpgsqlTypes;

namespace Ledger.AccessLog;

/// <summary>
/// The access log's own table, written on the read path, so kept to one round trip: a plain autocommit INSERT on a
/// data source whose sessions commit without waiting for the WAL flush (<c>synchronous_commit=off</c>). The row is in
/// PostgreSQL before the answer leaves, so killing the service loses nothing; only a crash of PostgreSQL itself within
/// about 0.6 s (3 x wal_writer_delay) could. Measured on a status read: Marten's session (transaction, batch,
/// document function) cost 1.1 ms at p50 and halved reads per second; this costs one round trip.
/// A trigger makes the table append-only for every session; the one deletion it lets through is the retention sweep's
/// (rows past their period, in a transaction that sets <c>ledger.retention_sweep</c>).
/// </summary>
public sealed class AccessLogTable(NpgsqlDataSource dataSource) : IHostedService, IAsyncDisposable
{
    public const string Name = "ledger.access_log";

    public static AccessLogTable For(string connectionString) =>
        new(new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString).Build());

    public Task AppendAsync(AccessLogEntry e, CancellationToken ct) => AppendAsync([e], ct);

    /// <summary>Several rows in one batch (one round trip); nothing when <paramref name="entries"/> is empty.</summary>
    public async Task AppendAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var batch = dataSource.CreateBatch();
        foreach (var e in entries) batch.BatchCommands.Add(Insert(e));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Insert(AccessLogEntry e)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {Name} (id, traveller_id, at, route, subject, roles, countries, correlation_id, purpose, requester)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        command.Parameters.Add(new() { Value = e.Id });
        command.Parameters.Add(new() { Value = e.TravellerId });
        command.Parameters.Add(new() { Value = e.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = e.Route });
        command.Parameters.Add(new() { Value = e.Subject });
        command.Parameters.Add(new() { Value = e.Roles.ToArray() });
        command.Parameters.Add(new() { Value = e.Countries.ToArray() });
        command.Parameters.Add(new() { Value = e.CorrelationId });
        command.Parameters.Add(new() { Value = (object?)e.Purpose ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)e.Requester ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }

    /// <summary>One page, newest first (version 7 ids are time-ordered), and the total.</summary>
    public async Task<(IReadOnlyList<AccessLogEntry> Entries, long Total)> PageAsync(Guid traveller, int page, int size, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, traveller_id, at, route, subject, roles, countries, correlation_id, purpose, requester, count(*) OVER ()
            FROM {Name} WHERE traveller_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3
            """);
        command.Parameters.Add(new() { Value = traveller });
        command.Parameters.Add(new() { Value = size });
        command.Parameters.Add(new() { Value = (long)(page - 1) * size });
        var entries = new List<AccessLogEntry>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AccessLogEntry(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<string[]>(5), reader.GetFieldValue<string[]>(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
            total = reader.GetInt64(10);
        }
        if (entries.Count == 0 && page > 1) total = await CountAsync(traveller, ct);
        return (entries, total);
    }

    private async Task<long> CountAsync(Guid traveller, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {Name} WHERE traveller_id = $1");
        command.Parameters.Add(new() { Value = traveller });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Creates the table, its index and the append-only trigger when they are missing (a runtime role without DDL rights
    /// finds them there), and replaces a trigger function older than the retention sweep (one that refuses its deletions
    /// too): every statement here is idempotent.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (await Ledger.Hardening.OwnTables.PresentAsync(dataSource, Ledger.Hardening.OwnTables.AccessLog, ct)) return;
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS ledger;
            CREATE TABLE IF NOT EXISTS {Name} (
              id uuid PRIMARY KEY, traveller_id uuid NOT NULL, at timestamptz NOT NULL, route text NOT NULL, subject text NOT NULL,
              roles text[] NOT NULL, countries text[] NOT NULL, correlation_id text NOT NULL, purpose text, requester text);
            CREATE INDEX IF NOT EXISTS access_log_by_traveller ON {Name} (traveller_id, id DESC);
            CREATE OR REPLACE FUNCTION ledger.refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- The retention sweep's deletions only: it sets this inside its own transaction (Ledger.Retention).
              IF TG_OP = 'DELETE' AND current_setting('ledger.retention_sweep', true) = 'on' THEN RETURN NULL; END IF;
              RAISE EXCEPTION 'the access log is append-only';
            END $$;
            CREATE OR REPLACE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {Name}
              FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_access_log_change();
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
