using Ledger.AccessLog;
using Ledger.Hardening;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Tests.Retention;

/// <summary>
/// A database made before the retention sweep has an access-log trigger function that refuses every deletion, the
/// sweep's too. Start-up (and <c>Ledger db apply</c>, which runs the same step) replaces it, idempotently. Its own
/// fixture: it rewrites the function.
/// </summary>
public class RetentionAccessLogUpgradeTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>The function as databases made before the sweep hold it.</summary>
    private const string OldFunction = """
        CREATE OR REPLACE FUNCTION ledger.refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
        """;

    [Fact]
    public async Task Start_up_replaces_the_old_trigger_function_so_the_sweeps_deletion_passes_and_no_other()
    {
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using (var old = db.CreateCommand(OldFunction)) await old.ExecuteNonQueryAsync();
        Assert.False(await OwnTables.PresentAsync(db, OwnTables.AccessLog, CancellationToken.None)); // the schema check names it as not current
        await Assert.ThrowsAsync<PostgresException>(() => SweepDeletionAsync(db));

        var table = app.Services.GetRequiredService<AccessLogTable>();
        await table.StartAsync(CancellationToken.None); // what start-up and `Ledger db apply` run
        await table.StartAsync(CancellationToken.None); // and again: nothing changes

        Assert.True(await OwnTables.PresentAsync(db, OwnTables.AccessLog, CancellationToken.None));
        await SweepDeletionAsync(db);
        await using var plain = db.CreateCommand($"DELETE FROM {AccessLogTable.Name} WHERE false");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => plain.ExecuteNonQueryAsync());
        Assert.Contains("append-only", refused.MessageText);
    }

    /// <summary>A deletion as the sweep makes it: in a transaction that set the sweep's setting (the trigger fires per statement, rows or not).</summary>
    private static async Task SweepDeletionAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var allow = new NpgsqlCommand($"SELECT set_config('{Ledger.Retention.RetentionTables.SweepSetting}', 'on', true)", connection, transaction))
            await allow.ExecuteNonQueryAsync();
        await using (var delete = new NpgsqlCommand($"DELETE FROM {AccessLogTable.Name} WHERE false", connection, transaction))
            await delete.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
