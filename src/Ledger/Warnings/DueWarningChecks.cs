using Marten;
using Wolverine;

namespace Ledger.Warnings;

/// <summary>"Schedule the checks from <see cref="LaterChecks"/> that are due by tomorrow": sent by <see cref="WarningCheckSweep"/>.</summary>
public sealed record ScheduleDueWarningChecks(int Limit = 1_000);

public sealed record DueWarningChecksScheduled(int Count);

/// <summary>
/// Takes up to <see cref="ScheduleDueWarningChecks.Limit"/> rows due by tomorrow out of the table and schedules a
/// durable <see cref="CheckWarnings"/> for each, in one transaction: a row is either still in the table or its check
/// is scheduled. Rows another node is taking at the same moment are skipped (<c>SKIP LOCKED</c>), so nodes sweeping
/// together share the work instead of scheduling a check twice. A row overdue (the service was down the day before)
/// is scheduled to run now.
/// </summary>
public static class DueWarningChecksHandler
{
    public static async Task<(DueWarningChecksScheduled, OutgoingMessages)> Handle(
        ScheduleDueWarningChecks command, IDocumentSession session, Consequences consequences, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using var sql = session.Connection!.CreateCommand();
        sql.CommandText = $"""
            DELETE FROM {LaterChecks.Name} WHERE traveller_id IN (
              SELECT traveller_id FROM {LaterChecks.Name} WHERE due <= $1 ORDER BY due LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING traveller_id, due
            """;
        sql.Parameters.Add(new() { Value = consequences.Today.AddDays(LaterChecks.ScheduleAheadDays) });
        sql.Parameters.Add(new() { Value = command.Limit });
        var messages = new OutgoingMessages();
        await using (var rows = await sql.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct))
                consequences.ScheduleCheck(messages, rows.GetGuid(0), rows.GetFieldValue<DateOnly>(1));
        return (new DueWarningChecksScheduled(messages.Count), messages);
    }
}

/// <summary>How often each node sweeps <see cref="LaterChecks"/> (<c>Ledger:Warnings:SweepEvery</c>, default one hour).</summary>
public sealed class WarningSweepOptions
{
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Read and checked when the host is built: a sweep interval of zero or less stops the service with the reason.</summary>
    public static WarningSweepOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(WarningOptions.Section).Get<WarningSweepOptions>() ?? new WarningSweepOptions();
        if (options.SweepEvery <= TimeSpan.Zero)
            throw new InvalidOperationException($"{WarningOptions.Section}:SweepEvery must be a positive time span, e.g. 01:00:00");
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
