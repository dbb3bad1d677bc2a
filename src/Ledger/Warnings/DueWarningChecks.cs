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
