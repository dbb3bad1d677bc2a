using Marten;
using Npgsql;

namespace Ledger.AccessLog;

/// <summary>
/// Makes the access log append-only in the database itself: a trigger refuses every UPDATE and DELETE on its table,
/// whoever connects. Installed at start-up, after Marten has created the table.
/// </summary>
public sealed class AppendOnlyAccessLog(IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(AccessLogEntry), ct);
        var table = store.Options.FindOrResolveDocumentType(typeof(AccessLogEntry)).TableName.QualifiedName;
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            CREATE OR REPLACE FUNCTION {schema}.refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
            CREATE OR REPLACE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table}
              FOR EACH STATEMENT EXECUTE FUNCTION {schema}.refuse_access_log_change();
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
