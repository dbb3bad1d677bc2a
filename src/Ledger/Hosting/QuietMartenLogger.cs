using Marten;
using Marten.Services;
using Npgsql;

namespace Ledger.Hosting;

/// <summary>
/// Marten's own logger writes a failed command's parameter values to the log: names, document numbers, whole JSON
/// bodies. This one logs that a command failed, its SQLSTATE and the statement's first words, never a value; schema
/// DDL goes to debug level.
/// </summary>
public sealed class QuietMartenLogger(ILoggerFactory loggers) : IMartenLogger, IMartenSessionLogger
{
    private readonly ILogger _log = loggers.CreateLogger("Ledger.Database");

    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => _log.LogDebug("Schema change: {Sql}", sql);

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(command.CommandText, ex);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failed(batch.BatchCommands.Count > 0 ? batch.BatchCommands[0].CommandText : "batch", ex);

    public void LogFailure(Exception ex, string message) => _log.LogWarning("Database operation failed: {Message} ({Error})", message, Describe(ex));

    private void Failed(string sql, Exception ex) =>
        _log.LogWarning("Database command failed ({Error}): {Statement}", Describe(ex), FirstWords(sql));

    /// <summary>The exception type, or the SQLSTATE and the table and constraint it names: PostgreSQL's message text can quote the offending value.</summary>
    private static string Describe(Exception ex) => ex is PostgresException pg ? $"SQLSTATE {Postgres.Describe(pg)}" : ex.GetType().Name;

    private static string FirstWords(string sql) => sql.Length <= 80 ? sql : sql[..80] + "…";

    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }
    public void LogSuccess(NpgsqlCommand command) { }
    public void LogSuccess(NpgsqlBatch batch) { }
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
}
