using Ledger.Hosting;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Warnings;

/// <summary>
/// Warning checks due after tomorrow, kept as one row per traveller (its next check day) instead of a durable
/// scheduled message each. Most entries schedule a check weeks ahead that finds nothing once the traveller has left;
/// a row costs the write one small upsert in its own transaction, where a scheduled envelope cost about a tenth of
/// the ingest rate (docs/performance-notes.md). <see cref="DueWarningChecksHandler"/> turns rows into durable scheduled
/// <see cref="CheckWarnings"/> the day before they are due, so a check still runs at 00:00 UTC of its day.
/// A row keeps the earliest day any write or check decided: a check that read the stream before a concurrent write
/// can commit after it with a later day, decided on the older history, and must not hide the write's earlier one.
/// A day that has become too early (the traveller left, or re-entered later) costs one check that finds nothing due
/// and decides the next day; so does a row left behind by a traveller who has since left.
/// </summary>
public static class LaterChecks
{
    public const string Name = LedgerStore.Schema + ".warning_checks";

    /// <summary>Checks due up to this many days ahead are scheduled directly; later ones wait in the table.</summary>
    public const int ScheduleAheadDays = 1;

    /// <summary>The table, created and migrated by Marten with the rest of the schema.</summary>
    public static Table Definition()
    {
        var table = new Table(Name);
        table.AddColumn<Guid>("traveller_id").AsPrimaryKey();
        table.AddColumn("due", "date").NotNull();
        table.Indexes.Add(new IndexDefinition("warning_checks_by_due") { Columns = ["due"] });
        return table;
    }

    /// <summary>The earliest day stands (see above), for one row or many.</summary>
    private const string KeepEarliest = "ON CONFLICT (traveller_id) DO UPDATE SET due = LEAST(warning_checks.due, excluded.due)";

    /// <summary>Queued in the write's own session: committed with its events, or not at all.</summary>
    public static void Keep(IDocumentOperations session, Guid traveller, DateOnly day) =>
        session.QueueSqlCommand(
            $"INSERT INTO {Name} (traveller_id, due) VALUES (?, ?) {KeepEarliest}",
            traveller, day);

    /// <summary>Many travellers' checks (each traveller once) in one statement: an import chunk's.</summary>
    public static void Keep(IDocumentOperations session, IReadOnlyCollection<(Guid Traveller, DateOnly Day)> checks)
    {
        if (checks.Count == 0) return;
        session.QueueSqlCommand(
            $"INSERT INTO {Name} (traveller_id, due) SELECT * FROM unnest(?, ?) {KeepEarliest}",
            checks.Select(c => c.Traveller).ToArray(), checks.Select(c => c.Day).ToArray());
    }
}
