using Ledger.Hosting;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Warnings;

/// <summary>The next warning check a traveller is owed: due at 00:00 UTC of <paramref name="Day"/>; <paramref name="Scheduled"/> when a durable scheduled message for it was sent too.</summary>
public readonly record struct PendingCheck(DateOnly Day, bool Scheduled);

/// <summary>
/// Every warning check not yet run, one row per traveller (its next check day): the record of what is owed, which
/// outlives any node. A row stays until a check of its day has run (<see cref="Done"/>, in the check's own transaction),
/// so a check whose scheduled message is late or lost (the node holding it died) is still found by
/// <see cref="WarningCheckCatchUp"/>, a query over what is due.
/// <para>
/// A check due by tomorrow is also sent as a durable scheduled <see cref="CheckWarnings"/> (by the write, or by
/// <see cref="DueWarningChecksHandler"/> the day before), so it normally runs at 00:00 UTC of its day; <c>scheduled</c>
/// says that message exists, so the sweep does not send it twice. Later checks wait as rows only: most entries decide a
/// check weeks ahead that finds nothing once the traveller has left, and a row costs a write one small upsert where a
/// scheduled envelope cost about a tenth of the ingest rate (docs/performance-notes.md).
/// </para>
/// A row keeps the earliest day any write or check decided: a check that read the stream before a concurrent write
/// can commit after it with a later day, decided on the older history, and must not hide the write's earlier one.
/// A day that has become too early (the traveller left, or re-entered later) costs one check that finds nothing due
/// and decides the next day; so does a row left behind by a traveller who has since left.
/// </summary>
public static class LaterChecks
{
    public const string Name = LedgerStore.Schema + ".warning_checks";

    /// <summary>Checks due up to this many days ahead are scheduled as messages; later ones wait as rows only.</summary>
    public const int ScheduleAheadDays = 1;

    /// <summary>The table, created and migrated by Marten with the rest of the schema.</summary>
    public static Table Definition()
    {
        var table = new Table(Name);
        table.AddColumn<Guid>("traveller_id").AsPrimaryKey();
        table.AddColumn("due", "date").NotNull();
        table.AddColumn("scheduled", "boolean").NotNull().DefaultValueByExpression("false");
        table.Indexes.Add(new IndexDefinition("warning_checks_by_due") { Columns = ["due"] });
        return table;
    }

    /// <summary>
    /// The earliest day stands (see above), for one row or many. A message sent for the day that stands stays known:
    /// an earlier day takes its own flag, the same day keeps either, a later day changes nothing.
    /// </summary>
    private const string KeepEarliest = """
        ON CONFLICT (traveller_id) DO UPDATE SET
          scheduled = CASE WHEN excluded.due < warning_checks.due THEN excluded.scheduled
                           WHEN excluded.due = warning_checks.due THEN warning_checks.scheduled OR excluded.scheduled
                           ELSE warning_checks.scheduled END,
          due = LEAST(warning_checks.due, excluded.due)
        """;

    /// <summary>Queued in the write's own session: committed with its events, or not at all.</summary>
    public static void Keep(IDocumentOperations session, Guid traveller, PendingCheck check) =>
        session.QueueSqlCommand(
            $"INSERT INTO {Name} (traveller_id, due, scheduled) VALUES (?, ?, ?) {KeepEarliest}",
            traveller, check.Day, check.Scheduled);

    /// <summary>Many travellers' checks (each traveller once) in one statement: an import chunk's.</summary>
    public static void Keep(IDocumentOperations session, IReadOnlyCollection<(Guid Traveller, PendingCheck Check)> checks)
    {
        if (checks.Count == 0) return;
        session.QueueSqlCommand(
            $"INSERT INTO {Name} (traveller_id, due, scheduled) SELECT * FROM unnest(?, ?, ?) {KeepEarliest}",
            checks.Select(c => c.Traveller).ToArray(), checks.Select(c => c.Check.Day).ToArray(), checks.Select(c => c.Check.Scheduled).ToArray());
    }

    /// <summary>
    /// A check ran on <paramref name="today"/>: what was owed up to today is paid. Queued in the check's session before
    /// the check keeps its next day, so both commit with its events, or neither does.
    /// </summary>
    public static void Done(IDocumentOperations session, Guid traveller, DateOnly today) =>
        session.QueueSqlCommand($"DELETE FROM {Name} WHERE traveller_id = ? AND due <= ?", traveller, today);
}
