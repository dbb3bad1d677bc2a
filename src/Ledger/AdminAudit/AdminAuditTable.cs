using Npgsql;
using NpgsqlTypes;

namespace Ledger.AdminAudit;

/// <summary>One act on the trail: who (the token's subject and roles), what, when, on what (an id), and the request's correlation id.</summary>
public sealed record AdminAuditEntry(Guid Id, DateTimeOffset At, string Actor, IReadOnlyList<string> Roles, string Act, string Subject, string CorrelationId);

/// <summary>
/// The admin audit trail's table: written only through <see cref="AuditTrail.Record"/> (inside the act's transaction),
/// read by <see cref="AdminAuditEndpoint"/>. A trigger refuses UPDATE, DELETE and TRUNCATE for every session, and a
/// deployment with two database roles (docs/operations.md) gives the service INSERT and SELECT on it only.
/// </summary>
public sealed class AdminAuditTable(NpgsqlDataSource dataSource) : IHostedService, IAsyncDisposable
{
    public const string Name = "ledger.admin_audit";

    public static AdminAuditTable For(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    /// <summary>One page, newest first (version 7 ids are time-ordered), optionally of one act, and the total.</summary>
    public async Task<(IReadOnlyList<AdminAuditEntry> Entries, long Total)> PageAsync(string? act, int page, int size, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, at, actor, roles, act, subject, correlation_id, count(*) OVER ()
            FROM {Name} WHERE $1::text IS NULL OR act = $1 ORDER BY id DESC LIMIT $2 OFFSET $3
            """);
        command.Parameters.Add(new() { Value = (object?)act ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = size });
        command.Parameters.Add(new() { Value = (long)(page - 1) * size });
        var entries = new List<AdminAuditEntry>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                entries.Add(new AdminAuditEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                    reader.GetFieldValue<string[]>(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
                total = reader.GetInt64(7);
            }
        if (entries.Count == 0 && page > 1)
        {
            await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {Name} WHERE $1::text IS NULL OR act = $1");
            count.Parameters.Add(new() { Value = (object?)act ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return (entries, total);
    }

    /// <summary>Creates the table, its index and the append-only trigger when they are missing (a runtime role without DDL rights finds them there).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (await Ledger.Hardening.OwnTables.PresentAsync(dataSource, Ledger.Hardening.OwnTables.AdminAudit, ct)) return;
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS ledger;
            CREATE TABLE IF NOT EXISTS {Name} (
              id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), actor text NOT NULL, roles text[] NOT NULL,
              act text NOT NULL, subject text NOT NULL, correlation_id text NOT NULL);
            CREATE INDEX IF NOT EXISTS admin_audit_by_act ON {Name} (act, id DESC);
            CREATE OR REPLACE FUNCTION ledger.refuse_admin_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the admin audit trail is append-only'; END $$;
            CREATE OR REPLACE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {Name}
              FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_admin_audit_change();
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
