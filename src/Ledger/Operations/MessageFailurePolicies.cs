using Wolverine;
using Wolverine.ErrorHandling;

namespace Ledger.Operations;

/// <summary>
/// What happens to a message whose handler fails. The one place for it: a handler never catches the database's
/// trouble itself.
/// <list type="bullet">
/// <item>A transient database error (<see cref="DatabaseFaults.IsTransient"/>: a restart, a dropped connection, a
/// timeout) is retried in place after <see cref="Cooldowns"/> (about two minutes in all, enough for a PostgreSQL
/// restart or fail-over), then rescheduled after <see cref="Rescheduled"/> (the message leaves the queue meanwhile),
/// and only then dead-lettered.</item>
/// <item>Anything else is the message's own problem (a bug, data it cannot handle): retrying would fail the same way,
/// so Wolverine dead-letters it, where an admin lists it and replays it once the cause is fixed
/// (<see cref="DeadLetterEndpoints"/>).</item>
/// </list>
/// Rules registered before this (the aggregate workflow's concurrency retries in LedgerHost) take precedence.
/// </summary>
public static class MessageFailurePolicies
{
    public static readonly IReadOnlyList<TimeSpan> Cooldowns =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)];

    public static readonly IReadOnlyList<TimeSpan> Rescheduled =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    public static void Apply(WolverineOptions opts)
    {
        opts.OnException(DatabaseFaults.IsTransient, "a transient database error")
            .RetryWithCooldown([.. Cooldowns])
            .Then.ScheduleRetry([.. Rescheduled]);
    }
}
