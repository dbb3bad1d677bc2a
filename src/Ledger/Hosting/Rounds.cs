namespace Ledger.Hosting;

/// <summary>
/// The loop of a node's background duties (warning sweeps and catch-ups, the retention schedule, revocation reads,
/// shard supervision): a round now when asked, then one every interval until the host stops. A round that fails is
/// handed to <c>failed</c>, which logs the exception's type only (messages can carry SQL and the values in it), and the
/// next tick tries again: a database that is away for a while stops no duty for good.
/// </summary>
public static class Rounds
{
    public static async Task RepeatAsync(TimeSpan every, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken, bool firstNow = false)
    {
        using var timer = new PeriodicTimer(every);
        if (!firstNow && !await timer.WaitForNextTickAsync(stoppingToken)) return;
        do
        {
            try { await round(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { failed(e); }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
