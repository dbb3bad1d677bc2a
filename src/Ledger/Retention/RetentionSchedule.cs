using Ledger.Hosting;
using Wolverine;

namespace Ledger.Retention;

/// <summary>Retention settings, from configuration section <c>Ledger:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Ledger:Retention";

    /// <summary>When the daily sweep runs, UTC (<c>SweepAt</c>, default 02:30).</summary>
    public TimeOnly SweepAt { get; set; } = new(2, 30);

    /// <summary>How often each node makes sure the next daily sweep is scheduled (<c>ScheduleEvery</c>, default one hour).</summary>
    public TimeSpan ScheduleEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>"Sweep now": the durable scheduled message of one day's sweep.</summary>
public sealed record SweepRetention(DateOnly Day);

public static class SweepRetentionHandler
{
    public static Task Handle(SweepRetention command, RetentionSweeper sweeper, CancellationToken ct) => sweeper.SweepAsync(ct);
}

/// <summary>
/// Each node, at start-up and then every <see cref="RetentionOptions.ScheduleEvery"/>, makes sure the next sweep is
/// scheduled: the node that claims the day's row (<c>retention_sweep_days</c>, one insert wins) schedules a durable
/// <see cref="SweepRetention"/> for <see cref="RetentionOptions.SweepAt"/> that day, so exactly one node schedules it,
/// and Wolverine's durable scheduling runs it once (on another node if that one has died). A sweep that does not run
/// (the database down all night) is made up by the next: records past their period are erased by the first sweep
/// on or after their day. A sweep run twice erases nothing twice (each traveller is decided again under its lock).
/// </summary>
public sealed class RetentionSchedule(IServiceScopeFactory scopes, RetentionTables tables, RetentionOptions options, TimeProvider clock, ILogger<RetentionSchedule> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Rounds.RepeatAsync(options.ScheduleEvery, ScheduleNextAsync,
        e => log.LogWarning("Scheduling the retention sweep failed ({Error}); trying again in {Interval}", e.GetType().Name, options.ScheduleEvery),
        stoppingToken, firstNow: true);

    /// <summary>The next <see cref="RetentionOptions.SweepAt"/> still ahead; scheduled unless another node has.</summary>
    public async Task ScheduleNextAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var at = new DateTimeOffset(day.ToDateTime(options.SweepAt), TimeSpan.Zero);
        if (at <= now) { day = day.AddDays(1); at = at.AddDays(1); }
        await using var claim = tables.DataSource.CreateCommand(
            $"INSERT INTO {RetentionTables.SweepDays} (day, scheduled_at) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING");
        claim.Parameters.Add(new() { Value = day });
        claim.Parameters.Add(new() { Value = now });
        if (await claim.ExecuteNonQueryAsync(ct) == 0) return; // another node (or an earlier tick) scheduled it
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().ScheduleAsync(new SweepRetention(day), at);
    }
}
