using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.TravelAuthorisations;

/// <summary>An application for a travel authorisation refused on <c>date</c> (an ESTA denial, an eTA refusal), with its ground when given.</summary>
public sealed record RefuseTravelAuthorisationRequest(
    [property: Required] string? AuthorisationId, [property: Required, MaxLength(40)] string? Scheme, [property: Required] DateOnly? Date,
    [property: FreeText] string? Ground);

/// <summary>
/// <c>POST /travellers/{id}/travel-authorisations/refusals</c>: by a caseworker of a state the scheme admits to. The
/// authorisation id is an idempotency key (the same refusal again: 200; other content, or a grant under that id: 409).
/// </summary>
public static class RefuseTravelAuthorisationEndpoint
{
    public static ProblemDetails Validate(RefuseTravelAuthorisationRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        return AuthorisationRights.ForScheme(AuthorisationRights.Scheme(request.Scheme, "scheme", errors), http, errors);
    }

    [WolverinePost("/travellers/{id}/travel-authorisations/refusals")]
    public static (IResult, Events) Post(RefuseTravelAuthorisationRequest r, [WriteTraveller] Traveller traveller, [NotBody] Recording recording)
    {
        var scheme = TravelAuthorisationSchemes.Default.Find(r.Scheme)!;
        var refused = new TravelAuthorisationRefused(traveller.Id, r.AuthorisationId!, scheme.Id, r.Date!.Value, r.Ground);
        var location = $"/travellers/{traveller.Id}/travel-authorisations";
        if (traveller.Authorisations.Find(refused.AuthorisationId) is { } existing)
        {
            if (!existing.IsRefusal) throw LedgerProblem.Conflict($"authorisation '{refused.AuthorisationId}' is already recorded as granted on {existing.Granted:yyyy-MM-dd}");
            _ = Idempotency.Decide(refused with { Scheme = existing.Scheme, Date = existing.RefusedOn!.Value, Ground = existing.RefusalGround }, refused,
                "authorisation refusal", refused.AuthorisationId).ChangeOrThrow(refused);
            return WriteOutcome.Of(refused.AuthorisationId, null, location);
        }
        return WriteOutcome.Of(refused.AuthorisationId, refused, location);
    }
}
