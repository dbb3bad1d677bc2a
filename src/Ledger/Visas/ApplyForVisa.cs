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
/// A visa application lodged with <c>state</c>; <c>type</c> is a category code of that state (GET /visa-categories);
/// without one, a Schengen state's application is for a C (short-stay) visa, as before categories were data.
/// </summary>
public sealed record VisaApplicationRequest(
    [property: Required] string? ApplicationId, [property: Required] string? State, [property: MaxLength(20)] string? Type, [property: Required] DateOnly? Date);

/// <summary><c>POST /travellers/{id}/visas/applications</c>: by a caseworker of the state applied to. The application id is an idempotency key.</summary>
public static class ApplyForVisaEndpoint
{
    public static ProblemDetails Validate(VisaApplicationRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        VisaTypes.Check(request.State, TypeOf(request), "type", errors);
        return VisaRights.ForState(request.State!, "state", http, errors);
    }

    /// <summary>The type asked for; none means C where C is a category (Schengen), so clients from before categories keep working.</summary>
    private static string? TypeOf(VisaApplicationRequest r) =>
        r.Type ?? (r.State is not null && VisaCategories.Default.Find(r.State, "C") is not null ? "C" : null);

    [WolverinePost("/travellers/{id}/visas/applications")]
    public static (IResult, Events, OutgoingMessages) Post(
        VisaApplicationRequest request,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var applied = new VisaApplied(traveller.Id, request.ApplicationId!, request.State!, VisaTypes.Canonical(request.State!, TypeOf(request)!), request.Date!.Value);
        var existing = traveller.Visas.Application(applied.ApplicationId) is { } a
            ? applied with { State = a.State, Type = a.Type, Date = a.Date }
            : null;
        var change = Idempotency.Decide(existing, applied, "visa application", applied.ApplicationId).ChangeOrThrow(applied);
        return WriteOutcome.Of(traveller, applied.ApplicationId, change, consequences, session, $"/travellers/{traveller.Id}/visas");
    }
}
