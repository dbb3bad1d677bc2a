using JasperFx.Events;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine;
using Wolverine.Marten;
using Ledger.Writing;

namespace Ledger.Warnings;

/// <summary>
/// "Look at this traveller again; a warning threshold may be reached today": a durable scheduled message at 00:00 UTC of
/// the check's day, or sent by <see cref="WarningCheckCatchUp"/> for a check still owed after that.
/// </summary>
public sealed record CheckWarnings(Guid TravellerId, Recording Recording) : ITravellerCommand;

/// <summary>
/// Timers are never trusted blindly: the handler re-reads the traveller's live state and issues only the warnings that
/// state makes due now. A traveller who left, or whose history changed, gets nothing; a warning already issued (by a
/// racing trigger or a redelivered message) is not issued again, because its id is already in the stream.
/// </summary>
[AggregateHandler]
public static class CheckWarningsHandler
{
    public static (Events, OutgoingMessages) Handle(CheckWarnings command, IEventStream<Traveller> stream, Consequences consequences, IDocumentSession session)
    {
        // Whatever it finds, the check owed up to today has run (also when it came from the catch-up, not the timer).
        LaterChecks.Done(session, command.TravellerId, consequences.Today);
        if (stream.Aggregate is not { } traveller) return (new Events(), new OutgoingMessages());
        // Issues what is due, and decides the check for the next threshold still ahead.
        return consequences.Of(session, traveller, []);
    }
}
