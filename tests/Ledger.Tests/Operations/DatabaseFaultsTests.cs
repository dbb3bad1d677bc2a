using Ledger.Operations;
using Marten.Exceptions;
using Npgsql;

namespace Ledger.Tests.Operations;

/// <summary>Which database failures are answered "retry" (503, or a handler retried) rather than treated as bugs.</summary>
public class DatabaseFaultsTests
{
    private static PostgresException Error(string sqlState, string? table = null, string? constraint = null) =>
        new("message", "ERROR", "ERROR", sqlState, schemaName: "ledger", tableName: table, constraintName: constraint);

    [Fact]
    public void A_unique_violation_of_the_event_sequence_key_under_martens_wrapper_is_a_write_of_unknown_outcome()
    {
        // Seen after a PostgreSQL kill: the write committed, its connection broke, and Marten's placeholder events for
        // the sequence numbers it took collided with the write's own events.
        var wrapped = new MartenCommandException(null, Error(PostgresErrorCodes.UniqueViolation, "mt_events", DatabaseFaults.EventSequenceKey));
        Assert.True(DatabaseFaults.IsTransient(wrapped));
    }

    [Fact]
    public void Other_unique_violations_are_not()
    {
        Assert.False(DatabaseFaults.IsTransient(Error(PostgresErrorCodes.UniqueViolation, "mt_events", "pk_mt_events_stream_and_version")));
        Assert.False(DatabaseFaults.IsTransient(Error(PostgresErrorCodes.UniqueViolation, "access_log", "access_log_pkey")));
    }

    [Fact]
    public void A_server_shutting_down_is_and_a_syntax_error_is_not()
    {
        Assert.True(DatabaseFaults.IsTransient(Error(PostgresErrorCodes.AdminShutdown)));
        Assert.False(DatabaseFaults.IsTransient(Error(PostgresErrorCodes.SyntaxError)));
    }
}
