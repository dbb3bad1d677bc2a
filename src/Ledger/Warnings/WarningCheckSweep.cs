using Ledger.Hosting;
using Wolverine;

namespace Ledger.Warnings;

/// <summary>
/// Sweeps at start-up and then every <see cref="WarningOptions.SweepEvery"/>: any sweep during the day before a
/// check's day schedules it for 00:00 UTC of that day. A failed sweep (database unreachable) is logged and tried again
/// at the next tick; the rows wait in the table meanwhile.
/// </summary>
public sealed class WarningCheckSweep(IServiceScopeFactory scopes, WarningOptions options, ILogger<WarningCheckSweep> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Rounds.RepeatAsync(options.SweepEvery, SweepAsync,
        e => log.LogWarning("Warning-check sweep failed ({Error}); trying again in {Interval}", e.GetType().Name, options.SweepEvery),
        stoppingToken, firstNow: true);

    /// <summary>Every row due by tomorrow, a thousand per transaction.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var command = new ScheduleDueWarningChecks();
        while ((await bus.InvokeAsync<DueWarningChecksScheduled>(command, ct)).Count == command.Limit) { }
    }
}
