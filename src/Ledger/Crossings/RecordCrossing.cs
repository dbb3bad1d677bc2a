using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using JasperFx.Events;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Crossings;

public sealed record RecordCrossingRequest(
    string? CrossingId, string? Direction, string? Country, string? Date, string? Time, string? TimeZone,
    string? BorderPoint, string? Source);

public sealed record RecordCrossingsRequest(IReadOnlyList<RecordCrossingRequest?>? Crossings);

/// <summary>One validated crossing as a client sent it.</summary>
public sealed record CrossingInput(
    string CrossingId, Direction Direction, string Country, DateOnly Date, TimeOnly? Time, string? TimeZone,
    string? BorderPoint, CrossingSource Source);

/// <summary>
/// The command: one crossing, or several that only make sense together (a late exit and re-entry found on the same
/// passport page). All are appended, or none.
/// </summary>
public sealed record RecordCrossings(Guid TravellerId, IReadOnlyList<CrossingInput> Crossings, Recording Recording) : ITravellerCommand;

public sealed record CrossingAccepted(string CrossingId, bool AlreadyRecorded);

public sealed record CrossingsAccepted(Guid TravellerId, IReadOnlyList<CrossingAccepted> Crossings);

public static class RecordCrossingEndpoint
{
    [WolverinePost("/travellers/{id}/crossings")]
    public static async Task<IResult> Post(Guid id, RecordCrossingRequest request, IMessageBus bus, TimeProvider clock, HttpContext http)
    {
        var input = ToInput(request, "", clock);
        Caller.Of(http).MayRecordCrossing(id, input.Country, input.Source);
        var command = new RecordCrossings(id, [input], Recording.From(http));
        var accepted = (await bus.InvokeAsync<CrossingsAccepted>(command)).Crossings[0];
        var location = $"/travellers/{id}/crossings/{Uri.EscapeDataString(accepted.CrossingId)}";
        // A resend of a crossing already recorded answers with the original result and adds nothing.
        return accepted.AlreadyRecorded ? Results.Ok(accepted) : Results.Created(location, accepted);
    }

    /// <summary>Several crossings at once, in one transaction (all or none); not needed for correctness, cheaper for bulk feeds.</summary>
    [WolverinePost("/travellers/{id}/crossings/batch")]
    public static async Task<CrossingsAccepted> PostBatch(Guid id, RecordCrossingsRequest request, IMessageBus bus, TimeProvider clock, HttpContext http)
    {
        if (request.Crossings is not { Count: > 0 } list) throw LedgerProblem.BadRequest("crossings: at least one crossing is required");
        if (list.Count > 100) throw LedgerProblem.BadRequest("crossings: at most 100 crossings per batch");
        var inputs = list.Select((r, i) => ToInput(r, $"crossings[{i}].", clock)).ToList();
        var caller = Caller.Of(http);
        foreach (var input in inputs) caller.MayRecordCrossing(id, input.Country, input.Source);
        var duplicate = inputs.GroupBy(c => c.CrossingId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw LedgerProblem.BadRequest($"crossings: crossingId '{duplicate.Key}' appears more than once");
        return await bus.InvokeAsync<CrossingsAccepted>(new RecordCrossings(id, inputs, Recording.From(http)));
    }

    public static CrossingInput ToInput(RecordCrossingRequest? r, string prefix, TimeProvider clock)
    {
        if (r is null) throw LedgerProblem.BadRequest($"{prefix.TrimEnd('.')} must be a crossing object");
        var crossingId = Parse.Required(r.CrossingId, prefix + "crossingId");
        var direction = Parse.Enum<Direction>(r.Direction, prefix + "direction", null);
        var country = Parse.Country(r.Country, prefix + "country");
        var date = Parse.Date(r.Date, prefix + "date");
        var time = Parse.OptionalTime(r.Time, prefix + "time");
        var timeZone = Parse.OptionalTimeZone(r.TimeZone, prefix + "timeZone");
        if (timeZone is null && time is not null)
            throw LedgerProblem.BadRequest($"{prefix}time needs a timeZone (IANA id) so that the moment is unambiguous");
        if (date > LatestPossibleToday(timeZone, clock))
            throw LedgerProblem.BadRequest($"{prefix}date {date:yyyy-MM-dd} is in the future at the border; crossings are recorded as they happen");
        var borderPoint = r.BorderPoint is null ? null : Parse.Required(r.BorderPoint, prefix + "borderPoint");
        var source = Parse.Enum<CrossingSource>(r.Source, prefix + "source", CrossingSource.BorderSystem);
        return new CrossingInput(crossingId, direction, country, date, time, timeZone, borderPoint, source);
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
public static class RecordCrossingsHandler
{
    public static (CrossingsAccepted, Events, OutgoingMessages) Handle(RecordCrossings command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);

        var results = new List<CrossingAccepted>();
        var fresh = new List<ICrossingRecorded>();
        foreach (var input in command.Crossings)
        {
            var recorded = ToEvent(command.TravellerId, input);
            if (traveller.Crossings.FirstRecorded(input.CrossingId) is { } existing)
            {
                var differences = existing.DifferencesFrom(recorded).ToList();
                // The stored crossing's content is shown only to those who may read it: another country's recorder
                // learns that the id is taken, not what the crossing holds.
                if (differences.Count > 0 && !command.Recording.RequireCaller().MaySeeCrossing(command.TravellerId, existing.Country))
                    throw LedgerProblem.Conflict($"crossing '{input.CrossingId}' was already recorded with different content");
                if (differences.Count > 0)
                    throw LedgerProblem.Conflict(
                        $"crossing '{input.CrossingId}' was already recorded with different content: {string.Join(", ", differences)}",
                        new Dictionary<string, object?> { ["crossingId"] = input.CrossingId, ["differences"] = differences });
                results.Add(new CrossingAccepted(input.CrossingId, AlreadyRecorded: true));
                continue;
            }
            fresh.Add(recorded);
            results.Add(new CrossingAccepted(input.CrossingId, AlreadyRecorded: false));
        }

        // Every well-formed crossing is recorded, whatever its order relative to the others: gaps and contradictions
        // show as anomalies derived on read (StayPairing.Pair), and disappear when the missing record arrives.
        var accepted = new CrossingsAccepted(command.TravellerId, results);
        if (fresh.Count == 0) return (accepted, new Events(), new OutgoingMessages());
        var (events, messages) = consequences.Of(traveller, fresh);
        return (accepted, events, messages);
    }

    public static ICrossingRecorded ToEvent(Guid travellerId, CrossingInput c) => c.Direction == Direction.Entry
        ? new EntryRecorded(travellerId, c.CrossingId, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source)
        : new ExitRecorded(travellerId, c.CrossingId, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source);
}
