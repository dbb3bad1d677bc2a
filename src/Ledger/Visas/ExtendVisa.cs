using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Visas;

public sealed record VisaExtensionRequest(
    [property: Required] DateOnly? ValidUntil, [property: Required] int? DurationDays, [property: Required] DateOnly? Date,
    [property: Required, FreeText] string? Reason);

/// <summary>
/// <c>POST /travellers/{id}/visas/{visaId}/extensions</c>: by caseworkers of the visa's issuing state (checked on the
/// recorded visa). An extension never shortens validity or duration.
/// </summary>
public static class ExtendVisaEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts();
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/visas/{visaId}/extensions")]
    public static (IResult, Events, OutgoingMessages) Post(
        string visaId, VisaExtensionRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var extended = new VisaExtended(traveller.Id, visaId, r.ValidUntil!.Value, r.DurationDays!.Value, r.Date!.Value, r.Reason!);
        return WriteOutcome.Of(traveller, visaId, Decide(traveller.Visas, extended, recording.RequireCaller()), consequences, session, $"/travellers/{traveller.Id}/visas");
    }

    private static VisaExtended? Decide(VisaBook book, VisaExtended e, Caller caller)
    {
        var visa = book.Find(e.VisaId) ?? throw LedgerProblem.NotFound($"visa '{e.VisaId}' is not recorded");
        caller.MayRecordFor(visa.IssuingState, "visa extensions");
        // A resent extension answers as the first time, even after a later extension or a revocation.
        if ((book.Extensions ?? []).Contains(e)) return null;
        if (visa.Status != VisaStatus.Valid) throw LedgerProblem.Conflict($"visa '{e.VisaId}' is {visa.Status.ToString().ToLowerInvariant()} and cannot be extended");
        if (visa.ValidUntil == e.ValidUntil && visa.DurationDays == e.DurationDays) return null;
        if (e.ValidUntil < visa.ValidUntil || e.DurationDays < visa.DurationDays)
            throw LedgerProblem.BadRequest("an extension cannot shorten the validity or the permitted duration");
        if (e.DurationDays > e.ValidUntil.DayNumber - visa.ValidFrom.DayNumber + 1)
            throw LedgerProblem.BadRequest("durationDays exceeds the days of validity");
        return e;
    }
}
