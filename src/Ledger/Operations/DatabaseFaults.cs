using System.Net.Sockets;
using Npgsql;

namespace Ledger.Operations;

/// <summary>
/// Which failures are the database's passing trouble rather than the message's: worth retrying as they are. Walks the
/// whole exception chain, because Marten and Wolverine wrap what Npgsql throws.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>
    /// Server shutting down or restarting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), too
    /// many connections or out of resources (53xxx), connection failures (08xxx), and whatever Npgsql itself calls
    /// transient (serialization failures, deadlocks, broken connections); timeouts and socket errors too.
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
                case NpgsqlException { IsTransient: true }:
                case TimeoutException or SocketException:
                    return true;
            }
        }
        return false;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
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
