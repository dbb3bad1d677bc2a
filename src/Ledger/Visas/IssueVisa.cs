using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
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

namespace Ledger.Visas;

/// <summary>
/// A visa granted: valid <c>validFrom</c>..<c>validUntil</c> (both inclusive), at most <c>durationDays</c> days of stay.
/// <c>type</c> is a category code of <c>issuingState</c>. With <c>applicationId</c> it decides that application, which
/// must be recorded and pending, or its facts given in <c>application</c> ({ type?, date }; type defaults to the visa's).
/// </summary>
public sealed record IssueVisaRequest(
    [property: Required] string? VisaId, string? ApplicationId, [property: Required] string? IssuingState, [property: Required, MaxLength(20)] string? Type,
    [property: Required] VisaEntries? Entries, [property: Required] DateOnly? ValidFrom, [property: Required] DateOnly? ValidUntil,
    [property: Required] int? DurationDays, [property: Required] DateOnly? IssuedOn, ApplicationFactsRequest? Application = null);

/// <summary>
/// <c>POST /travellers/{id}/visas</c>: by a caseworker of the issuing state, and, when it names an application, of the
/// application's own state (checked on the recorded application). The visa id is an idempotency key.
/// </summary>
public static class IssueVisaEndpoint
{
    public static ProblemDetails Validate(IssueVisaRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var (from, until) = (request.ValidFrom!.Value, request.ValidUntil!.Value);
        var days = until.DayNumber - from.DayNumber + 1;
        if (until < from) errors.Add("validUntil", $"validUntil {until:yyyy-MM-dd} is before validFrom {from:yyyy-MM-dd}");
        else if (request.DurationDays < 1 || request.DurationDays > days)
            errors.Add("durationDays", $"durationDays {request.DurationDays} must be between 1 and the days of validity ({days})");
        VisaTypes.Check(request.IssuingState, request.Type, "type", errors);
        if (request.Application is { Type: { } applied }) VisaTypes.Check(request.IssuingState, applied, "application.type", errors);
        if (request.Application is not null && request.ApplicationId is null)
            errors.Add("applicationId", "applicationId is missing: 'application' gives the facts of the application this visa decides");
        return VisaRights.ForState(request.IssuingState!, "issuingState", http, errors);
    }

    [WolverinePost("/travellers/{id}/visas")]
    public static (IResult, Events, OutgoingMessages) Post(
        IssueVisaRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var book = traveller.Visas;
        var state = r.IssuingState!;
        var type = VisaTypes.Canonical(state, r.Type!);
        var carried = r.Application is { } a && book.Application(r.ApplicationId) is null
            ? new ApplicationFacts(a.Type is null ? type : VisaTypes.Canonical(state, a.Type), a.Date!.Value)
            : null;
        var issued = new VisaIssued(traveller.Id, r.VisaId!, r.ApplicationId, state, type, r.Entries!.Value,
            r.ValidFrom!.Value, r.ValidUntil!.Value, r.DurationDays!.Value, r.IssuedOn!.Value, carried);
        VisaApplications.MayDecide(book, issued.ApplicationId, recording);
        // Compared with the visa as issued: an extension since does not make a resent issue a different one.
        var existing = book.AsIssued(issued.VisaId) is { } v
            ? new VisaIssued(traveller.Id, v.VisaId, v.ApplicationId, v.IssuingState, v.Type, v.Entries, v.ValidFrom, v.ValidUntil, v.DurationDays, v.IssuedOn,
                VisaApplications.CarriedFacts(book, v.ApplicationId))
            : null;
        var incoming = existing is null ? issued : issued with { Application = existing.Application };
        if (Idempotency.Decide(existing, incoming, "visa", issued.VisaId).ChangeOrThrow(incoming) is null)
            return WriteOutcome.Of(traveller, issued.VisaId, null, consequences, session, $"/travellers/{traveller.Id}/visas");
        if (issued.ApplicationId is { } applicationId)
            VisaApplications.CheckDecision(book, applicationId, issued.IssuedOn, issued.Application, "visa");
        return WriteOutcome.Of(traveller, issued.VisaId, issued, consequences, session, $"/travellers/{traveller.Id}/visas");
    }
}
