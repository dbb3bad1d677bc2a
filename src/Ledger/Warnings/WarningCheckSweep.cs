using Wolverine;

namespace Ledger.Warnings;

/// <summary>How often each node sweeps <see cref="LaterChecks"/> (<c>Ledger:Warnings:SweepEvery</c>, default one hour).</summary>
public sealed class WarningSweepOptions
{
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Read and checked when the host is built. At most 12 hours: a row due on day D is taken by a sweep during D−1 (it
    /// was written on D−2 at the latest), so every day must see a sweep, and a second one in case the first fails.
    /// </summary>
    public static WarningSweepOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(WarningOptions.Section).Get<WarningSweepOptions>() ?? new WarningSweepOptions();
        if (options.SweepEvery <= TimeSpan.Zero || options.SweepEvery > TimeSpan.FromHours(12))
            throw new InvalidOperationException($"{WarningOptions.Section}:SweepEvery must be a time span over zero and at most 12:00:00 (default 01:00:00)");
        return options;
    }
}

/// <summary>
/// Sweeps at start-up and then every <see cref="WarningSweepOptions.SweepEvery"/>: any sweep during the day before a
/// check's day schedules it for 00:00 UTC of that day. A failed sweep (database unreachable) is logged and tried again
/// at the next tick; the rows wait in the table meanwhile.
/// </summary>
public sealed class WarningCheckSweep(IServiceScopeFactory scopes, WarningSweepOptions options, ILogger<WarningCheckSweep> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepEvery);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Warning-check sweep failed ({Error}); trying again in {Interval}", e.GetType().Name, options.SweepEvery);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Every row due by tomorrow, a thousand per transaction.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var command = new ScheduleDueWarningChecks();
        while ((await bus.InvokeAsync<DueWarningChecksScheduled>(command, ct)).Count == command.Limit) { }
    }
}
