using System.Net.Sockets;
using Npgsql;

namespace Ledger.Operations;

/// <summary>
/// Which failures are the database's passing trouble rather than the message's: worth retrying as they are. Walks the
/// whole exception chain, because Marten and Wolverine wrap what Npgsql throws.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>Marten's primary key of <c>mt_events</c>: the global sequence number.</summary>
    public const string EventSequenceKey = "pkey_mt_events_seq_id";

    /// <summary>
    /// Server shutting down or restarting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), too
    /// many connections or out of resources (53xxx), connection failures (08xxx), and whatever Npgsql itself calls
    /// transient (serialization failures, deadlocks, broken connections); timeouts and socket errors too; and a unique
    /// violation of the event sequence key, which follows a write whose commit outcome a broken connection hid.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case PostgresException p when p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                              || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                                              || p.SqlState.StartsWith("08", StringComparison.Ordinal)
                                              || p.IsTransient:
                // A write whose connection broke (a PostgreSQL restart) may have committed all the same. Marten then
                // fills the sequence numbers it took with placeholder events, and finds them taken by the write's own
                // events: a unique violation on the event sequence key. The write's outcome is unknown, not refused;
                // every write is idempotent, so the answer is "retry" (seen in the fault suite's crash experiment).
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EventSequenceKey }:
                case NpgsqlException { IsTransient: true }:
                case TimeoutException or SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The exception and every exception inside it (inner exceptions, and each of an aggregate's), outermost first.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }
}
