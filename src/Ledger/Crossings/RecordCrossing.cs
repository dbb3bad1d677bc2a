using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Crossings;

public sealed record RecordCrossingRequest(
    string? CrossingId, string? Direction, string? Country, string? Date, string? Time, string? TimeZone,
    string? BorderPoint, string? Source);

/// <summary>The validated command; the handler decides, against the traveller's history, what (if anything) to append.</summary>
public sealed record RecordCrossing(
    Guid TravellerId, string CrossingId, Direction Direction, string Country, DateOnly Date, TimeOnly? Time,
    string? TimeZone, string? BorderPoint, CrossingSource Source);

public sealed record CrossingAccepted(Guid TravellerId, string CrossingId, bool AlreadyRecorded);

public static class RecordCrossingEndpoint
{
    [WolverinePost("/travellers/{id}/crossings")]
    public static async Task<IResult> Post(Guid id, RecordCrossingRequest request, IMessageBus bus, TimeProvider clock)
    {
        var command = ToCommand(id, request, clock);
        var accepted = await bus.InvokeAsync<CrossingAccepted>(command);
        var location = $"/travellers/{id}/crossings/{Uri.EscapeDataString(accepted.CrossingId)}";
        // A resend of a crossing already recorded answers with the original result and adds nothing.
        return accepted.AlreadyRecorded ? Results.Ok(accepted) : Results.Created(location, accepted);
    }

    public static RecordCrossing ToCommand(Guid travellerId, RecordCrossingRequest r, TimeProvider clock)
    {
        var timeZone = Parse.OptionalTimeZone(r.TimeZone, "timeZone");
        var date = Parse.Date(r.Date, "date");
        var time = Parse.OptionalTime(r.Time, "time");
        if (timeZone is null && time is not null)
            throw LedgerProblem.BadRequest("time needs a timeZone (IANA id) so that the moment is unambiguous");
        if (date > LatestPossibleToday(timeZone, clock))
            throw LedgerProblem.BadRequest($"date {date:yyyy-MM-dd} is in the future at the border; crossings are recorded as they happen");
        return new RecordCrossing(
            travellerId,
            Parse.Required(r.CrossingId, "crossingId"),
            Parse.Enum<Direction>(r.Direction, "direction", null),
            Parse.Country(r.Country, "country"),
            date, time, timeZone,
            r.BorderPoint is null ? null : Parse.Required(r.BorderPoint, "borderPoint"),
            Parse.Enum<CrossingSource>(r.Source, "source", CrossingSource.BorderSystem));
    }

    /// <summary>Today at the border: in its zone when given, else the earliest zone on Earth (UTC+14), so no real crossing is refused.</summary>
    private static DateOnly LatestPossibleToday(string? timeZone, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var local = timeZone is null ? now.ToOffset(TimeSpan.FromHours(14)) : TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return DateOnly.FromDateTime(local.DateTime);
    }
}

/// <summary>
/// Aggregate handler workflow: Wolverine fetches the traveller with FetchForWriting, this pure function decides,
/// and the returned events are appended with optimistic concurrency on the stream.
/// </summary>
[AggregateHandler]
public static class RecordCrossingHandler
{
    public static (CrossingAccepted, Events) Handle(RecordCrossing command, Traveller? traveller)
    {
        if (traveller is null) throw LedgerProblem.NotFound($"traveller {command.TravellerId} is not registered");

        if (traveller.FindCrossing(command.CrossingId) is { } existing)
        {
            var differences = existing.DifferencesFrom(ToEvent(command)).ToList();
            if (differences.Count > 0)
                throw LedgerProblem.Conflict(
                    $"crossing '{command.CrossingId}' was already recorded with different content: {string.Join(", ", differences)}",
                    new Dictionary<string, object?> { ["differences"] = differences });
            return (new CrossingAccepted(command.TravellerId, command.CrossingId, AlreadyRecorded: true), new Events());
        }

        var recorded = ToEvent(command);
        var candidate = Crossing.From(recorded, traveller.Crossings.Count);
        if (StayPairing.Conflict(traveller.Crossings, candidate, RuleSet.Default) is { } conflict)
            throw LedgerProblem.Unprocessable(conflict.Reason,
                new Dictionary<string, object?> { ["conflictingCrossingId"] = conflict.Conflicting.CrossingId });

        return (new CrossingAccepted(command.TravellerId, command.CrossingId, AlreadyRecorded: false), [recorded]);
    }

    private static ICrossingRecorded ToEvent(RecordCrossing c) => c.Direction == Direction.Entry
        ? new EntryRecorded(c.TravellerId, c.CrossingId, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source)
        : new ExitRecorded(c.TravellerId, c.CrossingId, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source);
}
