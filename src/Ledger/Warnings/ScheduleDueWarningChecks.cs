using Marten;
using Wolverine;

namespace Ledger.Warnings;

/// <summary>"Schedule the checks of <see cref="LaterChecks"/> due by tomorrow that have no message yet": sent by <see cref="WarningCheckSweep"/>.</summary>
public sealed record ScheduleDueWarningChecks(int Limit = 1_000);

public sealed record DueWarningChecksScheduled(int Count);

/// <summary>
/// Marks up to <see cref="ScheduleDueWarningChecks.Limit"/> unscheduled rows due by tomorrow as scheduled and schedules a
/// durable <see cref="CheckWarnings"/> for each, in one transaction: a row is either unmarked or its check is scheduled.
/// The rows stay until their checks run (<see cref="LaterChecks"/>). Rows another node is taking at the same moment are
/// skipped (<c>SKIP LOCKED</c>), so nodes sweeping together share the work instead of scheduling a check twice. A row
/// overdue (the service was down the day before) is scheduled to run now.
/// </summary>
public static class DueWarningChecksHandler
{
    public static async Task<(DueWarningChecksScheduled, OutgoingMessages)> Handle(
        ScheduleDueWarningChecks command, IDocumentSession session, Consequences consequences, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using var sql = session.Connection!.CreateCommand();
        sql.CommandText = $"""
            UPDATE {LaterChecks.Name} SET scheduled = true WHERE traveller_id IN (
              SELECT traveller_id FROM {LaterChecks.Name} WHERE due <= $1 AND NOT scheduled ORDER BY due LIMIT $2 FOR UPDATE SKIP LOCKED)
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
