using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Crossings;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;

namespace Ledger.Crossings;

/// <summary>
/// A crossing as a client sends it. <c>time</c> needs <c>timeZone</c> (an IANA id); <c>source</c> defaults to borderSystem.
/// <c>admittedUntil</c> (entries only): the last day the officer allowed on entry, where a rule lets officers set one
/// (Canada); stays entered without it get the rule's own period.
/// </summary>
public sealed record RecordCrossingRequest(
    [property: Required] string? CrossingId,
    [property: Required] Direction? Direction,
    [property: Required] string? Country,
    [property: Required] DateOnly? Date,
    TimeOnly? Time,
    string? TimeZone,
    string? BorderPoint,
    CrossingSource? Source,
    DateOnly? AdmittedUntil = null)
{
    /// <summary>The domain rules a well-typed crossing must also meet; problems are added to <paramref name="errors"/>, by field.</summary>
    public void Validate(string prefix, TimeProvider clock, FieldErrors errors)
    {
        if (Country is not null) errors.Check(prefix + "country", () => Parse.Country(Country, prefix + "country"));
        if (TimeZone is not null) errors.Check(prefix + "timeZone", () => Parse.OptionalTimeZone(TimeZone, prefix + "timeZone"));
        if (Time is not null && TimeZone is null)
            errors.Add(prefix + "timeZone", $"{prefix}time needs a timeZone (IANA id) so that the moment is unambiguous");
        if (AdmittedUntil is { } until)
        {
            if (Direction is Projections.Crossings.Direction.Exit) errors.Add(prefix + "admittedUntil", $"{prefix}admittedUntil is given on entries only");
            else if (Date is { } entered && until < entered) errors.Add(prefix + "admittedUntil", $"{prefix}admittedUntil {until:yyyy-MM-dd} is before the entry date");
        }
        if (Date is { } date && date > LatestPossibleToday(clock, TimeZone))
            errors.Add(prefix + "date", $"{prefix}date {date:yyyy-MM-dd} is in the future at the border; crossings are recorded as they happen");
    }

    /// <summary>The validated crossing (after <see cref="Validate"/> found no problem).</summary>
    public CrossingInput ToInput() =>
        new(CrossingId!, Direction!.Value, Country!, Date!.Value, Time, TimeZone, BorderPoint, Source ?? CrossingSource.BorderSystem, AdmittedUntil);

    /// <summary>Today at the border: in its zone when given, else the earliest zone on Earth (UTC+14), so no day that has begun anywhere is refused.</summary>
    public static DateOnly LatestPossibleToday(TimeProvider clock, string? timeZone = null)
    {
        var now = clock.GetUtcNow();
        var local = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(now, zone)
            : now.ToOffset(TimeSpan.FromHours(14));
        return DateOnly.FromDateTime(local.DateTime);
    }
}

/// <summary>One validated crossing as a client sent it.</summary>
public sealed record CrossingInput(
    string CrossingId, Direction Direction, string Country, DateOnly Date, TimeOnly? Time, string? TimeZone,
    string? BorderPoint, CrossingSource Source, DateOnly? AdmittedUntil = null);

/// <summary>
/// A crossing as recorded. <see cref="Id"/> names it as every write's answer names its record (with the Location
/// header on a 201); <see cref="CrossingId"/> is the same value under the name the request uses.
/// </summary>
public sealed record CrossingAccepted(string CrossingId, bool AlreadyRecorded)
{
    public string Id => CrossingId;
}

public sealed record CrossingsAccepted(Guid TravellerId, IReadOnlyList<CrossingAccepted> Crossings);

/// <summary>
/// <c>POST /travellers/{id}/crossings</c>: endpoint → <see cref="Validate"/> → <see cref="CrossingDecision"/> → events.
/// The traveller's stream is fetched for exclusive writing, so writers on one traveller queue instead of conflicting.
/// </summary>
public static class RecordCrossingEndpoint
{
    public static ProblemDetails Validate(Guid id, RecordCrossingRequest request, TimeProvider clock, HttpContext http)
    {
        var errors = new FieldErrors();
        request.Validate("", clock, errors);
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordCrossing(id, request.Country!, request.Source ?? CrossingSource.BorderSystem);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/crossings")]
    public static (IResult, Events, OutgoingMessages) Post(
        RecordCrossingRequest request,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var (accepted, events, messages) = CrossingDecision.Decide(session, traveller, [request.ToInput()], recording.RequireCaller(), consequences);
        var crossing = accepted.Crossings[0];
        // A resend of a crossing already recorded answers with the original result and adds nothing.
        var result = crossing.AlreadyRecorded
            ? Results.Ok(crossing)
            : Results.Created($"/travellers/{traveller.Id}/crossings/{Uri.EscapeDataString(crossing.CrossingId)}", crossing);
        return (result, events, messages);
    }
}

/// <summary>
/// The pure decision on new crossings (single, batch and import): crossing ids are idempotency keys, every well-formed
/// crossing is recorded whatever its order, and what the new history leads to (incidents, warnings) is decided with it.
/// </summary>
public static class CrossingDecision
{
    public static (CrossingsAccepted Accepted, Events Events, OutgoingMessages Messages) Decide(
        IDocumentOperations session, Traveller traveller, IReadOnlyList<CrossingInput> inputs, Caller caller, Consequences consequences)
    {
        var (accepted, fresh) = Accept(traveller, inputs, caller);
        if (fresh.Count == 0) return (accepted, new Events(), new OutgoingMessages());
        var (events, messages) = consequences.Of(session, traveller, fresh);
        return (accepted, events, messages);
    }

    /// <summary>Which crossings are new, which were already recorded (a resend), and a conflict for an id reused with other content.</summary>
    public static (CrossingsAccepted Accepted, IReadOnlyList<ICrossingRecorded> Fresh) Accept(Traveller traveller, IReadOnlyList<CrossingInput> inputs, Caller caller)
    {
        var results = new List<CrossingAccepted>();
        var fresh = new List<ICrossingRecorded>();
        foreach (var input in inputs)
        {
            var recorded = ToEvent(traveller.Id, input);
            var write = Resend(traveller, input.CrossingId, recorded, caller);
            if (write.Kind == IdempotentKind.Conflict) throw write.ToProblem("crossingId", input.CrossingId);
            if (write.Kind == IdempotentKind.New) fresh.Add(recorded);
            results.Add(new CrossingAccepted(input.CrossingId, write.IsAlreadyRecorded));
        }

        // Gaps and contradictions show as anomalies derived on read (StayPairing.Pair), and disappear when the missing
        // record arrives: nothing well-formed is refused for its order.
        return (new CrossingsAccepted(traveller.Id, results), fresh);
    }

    /// <summary>
    /// The crossing against the one stored under its id. The stored crossing's content is shown only to those who may
    /// read it: another country's recorder learns that the id is taken, not what the crossing holds.
    /// </summary>
    public static IdempotentWrite Resend(Traveller traveller, string crossingId, ICrossingRecorded recorded, Caller caller) =>
        traveller.Crossings.FirstRecorded(crossingId) is { } existing
            ? Idempotency.Decide(existing.DifferencesFrom(recorded).ToList(), "crossing", crossingId, caller.MaySeeCrossing(traveller.Id, existing.Country))
            : IdempotentWrite.New;

    public static ICrossingRecorded ToEvent(Guid travellerId, CrossingInput c) => c.Direction == Direction.Entry
        ? new EntryRecorded(travellerId, c.CrossingId, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source, c.AdmittedUntil)
        : new ExitRecorded(travellerId, c.CrossingId, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source);
}
