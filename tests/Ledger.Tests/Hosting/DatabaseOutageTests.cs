using System.Net;
using Ledger.Tests.Operations;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Hosting;

/// <summary>The service's database behind a proxy the test can cut; its log captured.</summary>
public sealed class OutageApp : CategorizedLogsApp
{
    public CuttableProxy Proxy { get; private set; } = null!;

    protected override string ConnectionStringFor(string database)
    {
        var real = new NpgsqlConnectionStringBuilder(database);
        Proxy = new CuttableProxy(real.Host!, real.Port);
        // Short timeouts, so a cut is noticed in seconds, not the default 15 s.
        return new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = Proxy.Port, Timeout = 3, CommandTimeout = 5 }.ConnectionString;
    }
}

public class DatabaseOutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    [Fact]
    public async Task While_the_database_is_unreachable_requests_get_503_with_retry_after_and_the_service_recovers()
    {
        var id = await app.RegisterTravellerAsync();
        app.Proxy.Cut();
        try
        {
            foreach (var response in new[]
            {
                await app.Http.GetAsync($"/travellers/{id}/status"),
                await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(3)),
            })
            {
                var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
                Assert.Contains("database", problem.GetProperty("detail").GetString());
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
            }
            // The operator's log line for each says which route failed (the pattern, never the path with its id).
            var unavailable = app.Logged.Where(l => l.Category == "Ledger.Problems.ProblemExceptionHandler").Select(l => l.Message).ToList();
            Assert.Contains(unavailable, l => l.StartsWith("Database unavailable on /travellers/{id}/status:"));
            Assert.Contains(unavailable, l => l.StartsWith("Database unavailable on /travellers/{id}/crossings:"));
            Assert.DoesNotContain(unavailable, l => l.Contains(id.ToString()));
            // /health names the dependency that is down.
            var health = await app.Anonymous().GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Contains("database is unreachable", checks.GetProperty("database").GetProperty("description").GetString());
        }
        finally
        {
            app.Proxy.Restore();
        }
        // Connections the cut broke are still pooled: each fails once (503) and is replaced, so recovery takes a few
        // requests. What matters: it recovers, and nothing half-written is left.
        await Eventually.HoldsAsync(async () => (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(3))).IsSuccessStatusCode,
            "the service to accept writes again once the database is back", seconds: 60);
        await Eventually.HoldsAsync(async () => (await app.Http.GetAsync($"/travellers/{id}/status?on={app.DaysAgo(3)}")).IsSuccessStatusCode,
            "the service to answer reads again once the database is back", seconds: 60);
        Assert.Equal(1, await app.SchengenDaysUsedAsync(id, app.DaysAgo(3)));
        await Eventually.HoldsAsync(async () => (await app.Anonymous().GetAsync("/health")).IsSuccessStatusCode,
            "/health to be healthy again once the database is back", seconds: 60);
    }
}
