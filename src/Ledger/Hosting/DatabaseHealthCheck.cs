using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ledger.Hosting;

/// <summary>
/// <c>/health</c>'s <c>database</c> entry: one <c>SELECT 1</c> on the ledger's database, within a few seconds. When it
/// fails, the entry says so (and names the kind of failure, never a connection string), so an operator sees which
/// dependency is down rather than only that projections cannot be read.
/// </summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public static DatabaseHealthCheck For(string connectionString) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, CommandTimeout = 3, MaxPoolSize = 2 }.ConnectionString));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("the ledger's database answers");
        }
        catch (Exception e) when (Ledger.Operations.DatabaseFaults.IsTransient(e) || e is NpgsqlException)
        {
            return HealthCheckResult.Unhealthy($"the ledger's database is unreachable ({(e as PostgresException)?.SqlState ?? e.GetType().Name})");
        }
    }
}
