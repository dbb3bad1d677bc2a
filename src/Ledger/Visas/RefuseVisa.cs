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
/// A refusal of application <c>applicationId</c> by <c>state</c>. <c>application</c> ({ type, date }) gives the
/// application's facts when the ledger never recorded it (type: a category code of <c>state</c>).
/// </summary>
public sealed record VisaRefusalRequest(
    [property: Required] string? ApplicationId, [property: Required] string? State, [property: Required] DateOnly? Date,
    [property: Required, FreeText] string? Ground, ApplicationFactsRequest? Application = null);

/// <summary>
/// <c>POST /travellers/{id}/visas/refusals</c>: by a caseworker of the refusing state and of the application's state.
/// The application must be recorded and pending, or its facts given (see <see cref="VisaApplications"/>).
/// </summary>
public static class RefuseVisaEndpoint
{
    public static ProblemDetails Validate(VisaRefusalRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.Application is { } a)
        {
            if (a.Type is null) errors.Add("application.type", "application.type is missing (the category applied for)");
            else VisaTypes.Check(request.State, a.Type, "application.type", errors);
        }
        return VisaRights.ForState(request.State!, "state", http, errors);
    }

    [WolverinePost("/travellers/{id}/visas/refusals")]
    public static (IResult, Events, OutgoingMessages) Post(
        VisaRefusalRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var book = traveller.Visas;
        var carried = r.Application is { } a ? new ApplicationFacts(VisaTypes.Canonical(r.State!, a.Type!), a.Date!.Value) : null;
        var refused = new VisaRefused(traveller.Id, r.ApplicationId!, r.State!, r.Date!.Value, r.Ground!,
            book.Application(r.ApplicationId) is null ? carried : null);
        VisaApplications.MayDecide(book, refused.ApplicationId, recording);
        var existing = book.RefusalOf(refused.ApplicationId!) is { } x
            ? new VisaRefused(traveller.Id, x.ApplicationId, x.State, x.Date, x.Ground, VisaApplications.CarriedFacts(book, x.ApplicationId))
            : null;
        // The same refusal again adds nothing; any other refusal of a decided application is a 409 naming that decision.
        if (existing is not null && existing == refused with { Application = existing.Application })
            return WriteOutcome.Of(traveller, r.ApplicationId!, null, consequences, session, $"/travellers/{traveller.Id}/visas");
        VisaApplications.CheckDecision(book, refused.ApplicationId!, refused.Date, refused.Application, "refusal");
        return WriteOutcome.Of(traveller, r.ApplicationId!, refused, consequences, session, $"/travellers/{traveller.Id}/visas");
    }
}
