using Npgsql;
using Testcontainers.PostgreSql;

namespace Ledger.Tests.Support;

/// <summary>
/// Where the tests' PostgreSQL comes from: the server scripts/test started (LEDGER_TEST_POSTGRES), or, when that is
/// not set, a Testcontainers PostgreSQL (needs a Docker engine). Either way each test class gets its own database.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _server;
    private static PostgreSqlContainer? _container;

    public static async Task<string> CreateAsync()
    {
        var server = await ServerAsync();
        var name = $"ledger_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            var fromScript = Environment.GetEnvironmentVariable("LEDGER_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(fromScript)) return _server = fromScript;
            try
            {
                _container = new PostgreSqlBuilder("postgres:15").Build();
                await _container.StartAsync();
                return _server = _container.GetConnectionString();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    "No PostgreSQL for the tests: run them with scripts/test (it starts a private server), " +
                    "or make a Docker engine reachable for Testcontainers. Docker said: " + e.Message, e);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
