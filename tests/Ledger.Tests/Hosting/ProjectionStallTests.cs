using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;
using Marten;
using Marten.Events;
using Npgsql;

namespace Ledger.Tests.Hosting;

public class ProjectionStallTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<(HttpStatusCode Status, string Body)> HealthAsync()
    {
        var response = await app.Anonymous().GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_shard_that_makes_no_progress_while_events_wait_is_unhealthy_whatever_its_lag_and_healthy_again_once_it_moves()
    {
        var traveller = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(traveller, "in", "entry", "PT", app.DaysAgo(10))).EnsureSuccessStatusCode();
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync()).Status);

        // Stall the border-traffic shard for real: its table is locked, so the daemon's writes wait.
        await using var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE ledger.mt_doc_bordertraffic IN ACCESS EXCLUSIVE MODE", blocker, transaction).ExecuteNonQueryAsync();
        (await app.RecordCrossingAsync(traveller, "out", "exit", "PT", app.DaysAgo(2))).EnsureSuccessStatusCode();

        // One event behind, far under the lag threshold: only the lack of progress over time can tell.
        var stalled = "";
        await Eventually.HoldsAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(61)); // the default StallAfter is 60 s, measured on the service clock
            var (status, body) = await HealthAsync();
            stalled = body;
            return status == HttpStatusCode.ServiceUnavailable;
        }, "/health to report the stalled shard", seconds: 60);
        var check = JsonDocument.Parse(stalled).RootElement.GetProperty("checks").GetProperty("projections");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("BorderTraffic", check.GetProperty("description").GetString());

        await transaction.RollbackAsync();
        await Eventually.HoldsAsync(async () => (await HealthAsync()).Status == HttpStatusCode.OK, "/health to recover once the shard moves", seconds: 60);
    }
}
