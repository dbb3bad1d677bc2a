using Npgsql;

namespace Ledger.Retention;

/// <summary>
/// What the sweep keeps of what it erased, in its own tables (content-free): the facts per traveller
/// (<c>retention_erasures</c>: when, under which policy, which kind, how many), the keyed hashes of erased client ids
/// (<c>retention_erased_ids</c>: a resend answers 410, and the id itself is never kept), the files erased or due
/// (<c>retention_files</c>), the notices given (<c>retention_notices</c>, once per record) and the days a sweep was
/// scheduled (<c>retention_sweep_days</c>, so one node schedules each day's sweep). Created at start-up (idempotent).
/// </summary>
public sealed class RetentionTables(NpgsqlDataSource dataSource) : IHostedService, IAsyncDisposable
{
    public const string Erasures = "ledger.retention_erasures";
    public const string ErasedIds = "ledger.retention_erased_ids";
    public const string Files = "ledger.retention_files";
    public const string Notices = "ledger.retention_notices";
    public const string SweepDays = "ledger.retention_sweep_days";

    public static readonly IReadOnlyList<string> All = [Erasures, ErasedIds, Files, Notices, SweepDays];

    /// <summary>The transaction-local setting that lets the access log's append-only guard accept the sweep's deletions.</summary>
    public const string SweepSetting = "ledger.retention_sweep";

    public static RetentionTables For(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Creates the tables when one is missing (a runtime role without DDL rights starts on a current schema).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var present = dataSource.CreateCommand("SELECT " + string.Join(" AND ", All.Select(t => $"to_regclass('{t}') IS NOT NULL"))))
            if ((bool)(await present.ExecuteScalarAsync(ct))!) return;
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS ledger;
            CREATE TABLE IF NOT EXISTS {Erasures} (
              traveller_id uuid NOT NULL, erased_at timestamptz NOT NULL, policy_id text NOT NULL, record_kind text NOT NULL, count int NOT NULL);
            CREATE INDEX IF NOT EXISTS retention_erasures_by_traveller ON {Erasures} (traveller_id, erased_at);
            CREATE TABLE IF NOT EXISTS {ErasedIds} (
              traveller_id uuid NOT NULL, id_hash text NOT NULL, policy_id text NOT NULL, erased_at timestamptz NOT NULL,
              PRIMARY KEY (traveller_id, id_hash));
            CREATE TABLE IF NOT EXISTS {Files} (
              traveller_id uuid PRIMARY KEY, policy_id text NOT NULL, due_on date NOT NULL, erased_at timestamptz);
            CREATE TABLE IF NOT EXISTS {Notices} (
              notice_id text PRIMARY KEY, traveller_id uuid NOT NULL, holder text NOT NULL, policy_id text NOT NULL,
              erasure_day date NOT NULL, issued_at timestamptz NOT NULL);
            CREATE TABLE IF NOT EXISTS {SweepDays} (day date PRIMARY KEY, scheduled_at timestamptz NOT NULL);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The traveller's file was erased (then every route but /erasures answers 410), with the policy, or null.</summary>
    public async Task<string?> ErasedFileAsync(Guid traveller, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT policy_id FROM {Files} WHERE traveller_id = $1 AND erased_at IS NOT NULL");
        command.Parameters.Add(new() { Value = traveller });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The policy an erased record (by the keyed hash of its id) went under, or null.</summary>
    public async Task<string?> ErasedRecordAsync(Guid traveller, IReadOnlyList<string> hashes, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT policy_id FROM {ErasedIds} WHERE traveller_id = $1 AND id_hash = ANY($2) LIMIT 1");
        command.Parameters.Add(new() { Value = traveller });
        command.Parameters.Add(new() { Value = hashes.ToArray() });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public sealed record ErasureFact(DateTimeOffset ErasedAt, string PolicyId, string RecordKind, int Count);

    public async Task<IReadOnlyList<ErasureFact>> ErasuresAsync(Guid traveller, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT erased_at, policy_id, record_kind, count FROM {Erasures} WHERE traveller_id = $1 ORDER BY erased_at, policy_id, record_kind");
        command.Parameters.Add(new() { Value = traveller });
        var facts = new List<ErasureFact>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            facts.Add(new ErasureFact(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return facts;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
