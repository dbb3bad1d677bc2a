using System.Net;
using Ledger.Tests.Operations;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Hosting;

/// <summary>
/// A failed async shard must come back by itself: the fault run saw the alert feed's shard fail once on a terminated
/// connection (57P01) and never resume until the service was restarted. These faults are real, made from outside the
/// service with SQL: the shard's backend terminated while it waits, and the shard's table gone for a while.
/// </summary>
public class ProjectionRestartTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private const string BorderTrafficTable = "ledger.mt_doc_bordertraffic";

    private async Task<bool> BorderTrafficCaughtUpAsync()
    {
        var head = (await app.Store.Advanced.FetchEventStoreStatistics()).EventSequenceNumber;
        // No progress row yet means the shard has not started (the daemon takes a moment after start-up).
        var shard = (await app.Store.Advanced.AllProjectionProgress()).FirstOrDefault(s => s.ShardName.StartsWith("BorderTraffic"));
        return shard is not null && shard.Sequence >= head;
    }

    private async Task CaughtUpAndHealthyAsync(string after)
    {
        await Eventually.HoldsAsync(BorderTrafficCaughtUpAsync, $"BorderTraffic to catch up after {after}", seconds: 90);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_shard_whose_connection_is_terminated_mid_write_resumes_and_keeps_projecting()
    {
        var traveller = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(traveller, "t-in", "entry", "PT", app.DaysAgo(10))).EnsureSuccessStatusCode();
        await CaughtUpAndHealthyAsync("the first crossing");

        await using var faults = new MessageFaults(app.ConnectionString);
        await faults.LockAsync(BorderTrafficTable);
        (await app.RecordCrossingAsync(traveller, "t-out", "exit", "PT", app.DaysAgo(8))).EnsureSuccessStatusCode();
        IReadOnlyList<int> waiting = [];
        await Eventually.HoldsAsync(async () => (waiting = await faults.WaitingOnAsync(BorderTrafficTable)).Count > 0,
            "the daemon to wait on the locked table");
        foreach (var pid in waiting) await faults.TerminateAsync(pid); // 57P01, as when PostgreSQL restarts
        await faults.ReleaseAsync();

        await CaughtUpAndHealthyAsync("its connection was terminated");
        // Still running, not just caught up once: a later event is projected too.
        (await app.RecordCrossingAsync(traveller, "t-in-2", "entry", "ES", app.DaysAgo(5))).EnsureSuccessStatusCode();
        await CaughtUpAndHealthyAsync("a later crossing");
    }

    [Fact]
    public async Task A_shard_that_fails_while_its_table_is_missing_restarts_by_itself_once_the_table_is_back()
    {
        var traveller = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(traveller, "m-in", "entry", "IT", app.DaysAgo(20))).EnsureSuccessStatusCode();
        await CaughtUpAndHealthyAsync("the first crossing");

        await using var faults = new MessageFaults(app.ConnectionString);
        await faults.RenameAsync(BorderTrafficTable, "mt_doc_bordertraffic_away");
        try
        {
            (await app.RecordCrossingAsync(traveller, "m-out", "exit", "IT", app.DaysAgo(15))).EnsureSuccessStatusCode();
            // Long enough for the shard to fail on the missing table (42P01) and give up its current attempt.
            await Task.Delay(TimeSpan.FromSeconds(8));
            Assert.False(await BorderTrafficCaughtUpAsync(), "the shard cannot have projected into a missing table");
        }
        finally
        {
            await faults.RenameAsync("ledger.mt_doc_bordertraffic_away", "mt_doc_bordertraffic");
        }

        await CaughtUpAndHealthyAsync("its table came back");
        var traffic = await app.GetJsonAsync($"/border-traffic/IT/{app.DaysAgo(15)}");
        Assert.Equal(1, traffic.GetProperty("exits").GetInt32());
    }
}
