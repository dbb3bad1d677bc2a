using JasperFx.Events;
using Marten;
using Wolverine.Marten;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Wolverine;

namespace Ledger.Writing;

/// <summary>What a write endpoint answers and appends once its pure decision is made.</summary>
public static class WriteOutcome
{
    /// <summary>
    /// No change (an idempotent resend): 200 with the record's id, nothing appended. A change: 201, the change and what
    /// it leads to (overstay incidents, warnings, the next warning check), in the same transaction.
    /// </summary>
    public static (IResult, Events, OutgoingMessages) Of(Traveller traveller, string id, object? change, Consequences consequences, IDocumentOperations session, string location)
    {
        if (change is null) return (new Recorded(id, AlreadyRecorded: true).ToResult(location), new Events(), new OutgoingMessages());
        var (events, messages) = consequences.Of(session, traveller, [change]);
        return (new Recorded(id, AlreadyRecorded: false).ToResult(location), events, messages);
    }

    /// <summary>For facts that change no stay or warning (incidents and their outcomes): the change alone.</summary>
    public static (IResult, Events) Of(string id, object? change, string location) =>
        change is null
            ? (new Recorded(id, AlreadyRecorded: true).ToResult(location), new Events())
            : (new Recorded(id, AlreadyRecorded: false).ToResult(location), new Events { change });
}
