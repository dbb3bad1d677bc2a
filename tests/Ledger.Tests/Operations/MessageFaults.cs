using Npgsql;

namespace Ledger.Tests.Operations;

/// <summary>
/// Real database faults for a message handler, made from outside the service with plain SQL: a table the handler
/// needs locked (its query waits), the waiting backend terminated (the service gets 57P01, as when PostgreSQL is shut
/// down or restarted), the table renamed away (a permanent error until it is renamed back).
/// </summary>
public sealed class MessageFaults(string connectionString) : IAsyncDisposable
{
    /// <summary>The webhook subscriptions: what the fan-out of every published warning reads first.</summary>
    public const string Subscriptions = "ledger.mt_doc_webhooksubscription";

    private NpgsqlConnection? _lock;
    private NpgsqlTransaction? _lockTransaction;

    public async Task LockAsync(string table)
    {
        _lock = new NpgsqlConnection(connectionString);
        await _lock.OpenAsync();
        _lockTransaction = await _lock.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", _lock, _lockTransaction);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ReleaseAsync()
    {
        if (_lockTransaction is not null) await _lockTransaction.RollbackAsync();
        if (_lock is not null) await _lock.DisposeAsync();
        (_lock, _lockTransaction) = (null, null);
    }

    /// <summary>Backends of other sessions waiting for a lock on <paramref name="table"/>.</summary>
    public async Task<IReadOnlyList<int>> WaitingOnAsync(string table)
    {
        var waiting = new List<int>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_locks WHERE NOT granted AND relation = $1::regclass", connection)
        {
            Parameters = { new() { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) waiting.Add(reader.GetInt32(0));
        return waiting;
    }

    /// <summary>What PostgreSQL does to a session when it is shut down or restarted: FATAL 57P01.</summary>
    public async Task TerminateAsync(int pid)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend($1)", connection) { Parameters = { new() { Value = pid } } };
        Assert.True((bool)(await command.ExecuteScalarAsync())!, $"backend {pid} terminated");
    }

    public async Task RenameAsync(string table, string newName)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"ALTER TABLE {table} RENAME TO {newName}", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
