using Npgsql;

namespace Ledger.Hosting;

/// <summary>What a PostgreSQL error may say in a log: its SQLSTATE and the schema objects it names, never its message or detail (which quote values).</summary>
public static class Postgres
{
    public static string Describe(PostgresException e) =>
        e.SqlState + (e.TableName is { } table ? $" on {e.SchemaName}.{table}" : "") + (e.ConstraintName is { } constraint ? $" ({constraint})" : "");
}
