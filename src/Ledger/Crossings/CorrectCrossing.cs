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
using Ledger.Problems;

namespace Ledger.Crossings;

public enum CorrectionAction { Void, Correct }

/// <summary>
/// <c>action</c>: <c>void</c> (the crossing stops counting) or <c>correct</c> (replace its content with the fields
/// given: direction, country and date are then required, as for a new crossing).
/// </summary>
public sealed record CorrectCrossingRequest(
    [property: Required] CorrectionAction? Action,
    [property: Required, FreeText] string? Reason,
    Direction? Direction, string? Country, DateOnly? Date, TimeOnly? Time, string? TimeZone, string? BorderPoint, CrossingSource? Source)
{
    public RecordCrossingRequest Replacement(string crossingId) => new(crossingId, Direction, Country, Date, Time, TimeZone, BorderPoint, Source);
}

/// <summary>
/// <c>POST /travellers/{id}/crossings/{crossingId}/corrections</c>. A correction is a new event naming the crossing; the
/// original stays in the stream. Like a new crossing, a well-formed correction is always recorded; gaps it opens show
/// as anomalies. Asking for the state the crossing already has (voiding a voided crossing, correcting to the same
/// content) adds nothing.
/// </summary>
public static class CorrectCrossingEndpoint
{
    public static ProblemDetails Validate(string crossingId, CorrectCrossingRequest request, TimeProvider clock, HttpContext http)
    {
        var caller = Caller.Of(http);
        caller.MayCorrectCrossings();
        var errors = new FieldErrors();
        if (request.Action == CorrectionAction.Correct)
        {
            if (request.Direction is null) errors.Add("direction", "direction is missing (a correction states the crossing's full content)");
            if (request.Country is null) errors.Add("country", "country is missing (a correction states the crossing's full content)");
            if (request.Date is null) errors.Add("date", $"date is missing ({RequestShape.DateForm})");
            request.Replacement(crossingId).Validate("", clock, errors);
        }
        if (errors.Any) return errors.ToProblem();
        if (request.Action == CorrectionAction.Correct) caller.MayCorrectCrossing(request.Country!);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/crossings/{crossingId}/corrections")]
    public static (IResult, Events, OutgoingMessages) Post(
        string crossingId, CorrectCrossingRequest request,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var change = Decide(traveller, crossingId, request, recording.RequireCaller());
        return WriteOutcome.Of(traveller, crossingId, change, consequences, session, $"/travellers/{traveller.Id}/crossings/{Uri.EscapeDataString(crossingId)}");
    }

    /// <summary>The event the correction adds, or null when the crossing already stands as asked.</summary>
    private static object? Decide(Traveller traveller, string crossingId, CorrectCrossingRequest request, Caller caller)
    {
        var original = traveller.Crossings.FirstRecorded(crossingId)
            ?? throw LedgerProblem.NotFound($"crossing '{crossingId}' was never recorded for traveller {traveller.Id}");
        var current = traveller.Crossings.Find(crossingId);
        // The original's country too: a recorder corrects only what its own countries recorded.
        caller.MayCorrectCrossing((current ?? original).Country);

        if (request.Action == CorrectionAction.Void)
            return current is null ? null : new CrossingVoided(traveller.Id, crossingId, request.Reason!);

        if (current is null)
            throw LedgerProblem.Conflict($"crossing '{crossingId}' was voided; record a new crossing instead of correcting it");
        var c = request.Replacement(crossingId).ToInput();
        var replacement = new Crossing(c.CrossingId, c.Direction, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source, current.ArrivalOrder);
        return replacement == current
            ? null
            : new CrossingCorrected(traveller.Id, crossingId, c.Direction, c.Country, c.Date, c.Time, c.TimeZone, c.BorderPoint, c.Source, request.Reason!);
    }
}
