using Ledger.Access;
using JasperFx.Events;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Crossings;

/// <summary><c>action</c>: <c>void</c> (the crossing stops counting) or <c>correct</c> (replace its content with the fields given).</summary>
public sealed record CorrectCrossingRequest(
    string? Action, string? Reason, string? Direction, string? Country, string? Date, string? Time, string? TimeZone,
    string? BorderPoint, string? Source);

public sealed record CorrectCrossing(Guid TravellerId, string CrossingId, bool Void, CrossingInput? Corrected, string Reason, Recording Recording)
    : ITravellerCommand;

public static class CorrectCrossingEndpoint
{
    [WolverinePost("/travellers/{id}/crossings/{crossingId}/corrections")]
    public static async Task<IResult> Post(Guid id, string crossingId, CorrectCrossingRequest request, IMessageBus bus, TimeProvider clock, HttpContext http)
    {
        var caller = Caller.Of(http);
        caller.MayCorrectCrossings();
        var reason = Parse.Text(request.Reason, "reason");
        var isVoid = Parse.Required(request.Action, "action") switch
        {
            "void" => true,
            "correct" => false,
            var other => throw LedgerProblem.BadRequest($"action '{other}' is not one of: void, correct"),
        };
        var corrected = isVoid ? null : RecordCrossingEndpoint.ToInput(new RecordCrossingRequest(
            crossingId, request.Direction, request.Country, request.Date, request.Time, request.TimeZone, request.BorderPoint, request.Source), "", clock);
        if (corrected is not null) caller.MayCorrectCrossing(corrected.Country);
        var result = await bus.InvokeAsync<Recorded>(new CorrectCrossing(id, crossingId, isVoid, corrected, reason, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/crossings/{Uri.EscapeDataString(crossingId)}");
    }
}

/// <summary>
/// A correction is a new event naming the crossing; the original stays in the stream. Like a new crossing, a
/// well-formed correction is always recorded; gaps it opens show as anomalies. Asking for the state the crossing already has
/// (voiding a voided crossing, correcting to the same content) adds nothing.
/// </summary>
[AggregateHandler]
public static class CorrectCrossingHandler
{
    public static (Recorded, Events, OutgoingMessages) Handle(CorrectCrossing command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);
        if (traveller.Crossings.FirstRecorded(command.CrossingId) is null)
            throw LedgerProblem.NotFound($"crossing '{command.CrossingId}' was never recorded for traveller {command.TravellerId}");
        var current = traveller.Crossings.Find(command.CrossingId);
        // The original's country too: a recorder corrects only what its own countries recorded.
        command.Recording.RequireCaller().MayCorrectCrossing((current ?? traveller.Crossings.FirstRecorded(command.CrossingId)!).Country);
        var unchanged = new Recorded(command.CrossingId, AlreadyRecorded: true);

        if (command.Void)
        {
            if (current is null) return (unchanged, new Events(), new OutgoingMessages());
            return Changed(command, consequences, traveller, new CrossingVoided(command.TravellerId, command.CrossingId, command.Reason));
        }

        var c = command.Corrected!;
        if (current is null)
            throw LedgerProblem.Conflict($"crossing '{command.CrossingId}' was voided; record a new crossing instead of correcting it");
        var replacement = new Crossing(c.CrossingId, c.Direction, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source, current.ArrivalOrder);
        if (replacement == current) return (unchanged, new Events(), new OutgoingMessages());

        return Changed(command, consequences, traveller, new CrossingCorrected(command.TravellerId, command.CrossingId, c.Direction,
            c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source, command.Reason));
    }

    private static (Recorded, Events, OutgoingMessages) Changed(CorrectCrossing command, Consequences consequences, Traveller traveller, object change)
    {
        var (events, messages) = consequences.Of(traveller, [change]);
        return (new Recorded(command.CrossingId, false), events, messages);
    }
}
