using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;
using Ledger.Tests.Webhooks;

namespace Ledger.Tests.Operations;

/// <summary>
/// A message whose handler meets a transient database error is retried, not dead-lettered: here the fan-out of a
/// published warning, whose connection PostgreSQL terminates (57P01, the error of the fault run) mid-query.
/// </summary>
public class TransientRetryTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task A_warning_whose_fan_out_loses_its_connection_is_retried_and_delivered_and_nothing_is_dead_lettered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = app.ClientAs([Role.Admin], subject: "admin-transient");
        await admin.SubscribeAsync(receiver.Url);
        await using var faults = new MessageFaults(app.ConnectionString);

        await faults.LockAsync(MessageFaults.Subscriptions); // the fan-out's first query will wait here
        var (_, warningId) = await app.WarningInAsync("FR");
        int first = 0;
        await Eventually.HoldsAsync(async () => (first = (await faults.WaitingOnAsync(MessageFaults.Subscriptions)).FirstOrDefault()) != 0,
            "the fan-out to wait for the locked table");
        await faults.TerminateAsync(first);

        // The retry: another session (the terminated one is gone) waiting on the same table.
        await Eventually.HoldsAsync(async () => (await faults.WaitingOnAsync(MessageFaults.Subscriptions)).Any(pid => pid != first),
            "the fan-out to be retried after the terminated connection");
        await faults.ReleaseAsync();

        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Ids.Any(i => i.WarningId == warningId)), "the warning to be delivered");
        var deadLetters = await app.GetJsonAsync("/admin/dead-letters");
        Assert.Equal(0, deadLetters.GetProperty("total").GetInt32());
    }
}
