using Npgsql;

namespace Ledger.Hardening;

/// <summary>A table the service makes itself (outside Marten's and Wolverine's schemas), and how to tell it is there.</summary>
/// <param name="Connection">The connection string it lives on: <c>Ledger</c>, or <c>LedgerKeys</c> when that is set (identity keys).</param>
public sealed record OwnTable(string Name, string Connection, string PresentSql);

/// <summary>
/// The tables the service creates with its own SQL. Each one's start-up creates it only when it is missing, so a runtime
/// role without DDL rights starts on a current schema; <see cref="DatabaseSchema"/> checks them like Marten's objects.
/// </summary>
public static class OwnTables
{
    private static string WithTrigger(string table, string trigger) =>
        $"SELECT to_regclass('{table}') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{trigger}' AND tgrelid = to_regclass('{table}'))";

    /// <summary>
    /// Present only with the trigger function that lets the retention sweep's deletions through: a database made before
    /// the sweep has one that refuses every deletion, and start-up (or <c>Ledger db apply</c>) replaces it.
    /// </summary>
    public static readonly OwnTable AccessLog = new("ledger.access_log (and its append-only trigger)", "Ledger",
        WithTrigger("ledger.access_log", "access_log_append_only") +
        $" AND EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'refuse_access_log_change' AND pronamespace = to_regnamespace('ledger') AND prosrc LIKE '%{Ledger.Retention.RetentionTables.SweepSetting}%')");
    public static readonly OwnTable AdminAudit = new("ledger.admin_audit (and its append-only trigger)", "Ledger", WithTrigger("ledger.admin_audit", "admin_audit_append_only"));
    public static readonly OwnTable IdentityKeys = new("ledger_keys.identity_keys", "LedgerKeys", "SELECT to_regclass('ledger_keys.identity_keys') IS NOT NULL");
    public static readonly OwnTable BlindIndexKey = new("ledger_keys.blind_index_key", "LedgerKeys", "SELECT to_regclass('ledger_keys.blind_index_key') IS NOT NULL");

    public static readonly OwnTable Retention = new("ledger.retention_* (the retention sweep's facts, erased ids, files, notices, days)", "Ledger",
        "SELECT " + string.Join(" AND ", Ledger.Retention.RetentionTables.All.Select(t => $"to_regclass('{t}') IS NOT NULL")));

    public static readonly IReadOnlyList<OwnTable> All = [AccessLog, AdminAudit, IdentityKeys, BlindIndexKey, Retention];

    public static async Task<bool> PresentAsync(NpgsqlDataSource dataSource, OwnTable table, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(table.PresentSql);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
