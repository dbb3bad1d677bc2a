using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;
using Ledger.Warnings;
using Marten;
using Wolverine;

namespace Ledger.TravelAuthorisations;

public sealed record RevokeTravelAuthorisationRequest([property: Required] DateOnly? Date, [property: FreeText] string? Ground);

/// <summary>
/// <c>POST /travellers/{id}/travel-authorisations/{authorisationId}/revocations</c>: by a caseworker of a state the
/// authorisation's scheme admits to (checked on the record). It must be granted (404 when not recorded, 409 for a
/// refusal), not yet revoked on another day (409), and revoked on or after its grant; the same revocation again adds nothing.
/// </summary>
public static class RevokeTravelAuthorisationEndpoint
{
    public static ProblemDetails Validate(RevokeTravelAuthorisationRequest request, HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts(); // the state is checked on the record
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/travel-authorisations/{authorisationId}/revocations")]
    public static (IResult, Events, OutgoingMessages) Post(
        string authorisationId, RevokeTravelAuthorisationRequest r, [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var a = traveller.Authorisations.Find(authorisationId) ?? throw LedgerProblem.NotFound($"authorisation '{authorisationId}' is not recorded");
        AuthorisationRights.MayRecord(recording.RequireCaller(), AuthorisationRights.StatesOf(a));
        var location = $"/travellers/{traveller.Id}/travel-authorisations";
        if (a.IsRefusal) throw LedgerProblem.Conflict($"authorisation '{authorisationId}' was refused on {a.RefusedOn:yyyy-MM-dd}: there is nothing to revoke");
        if (a.RevokedOn is { } revoked)
        {
            if (revoked == r.Date && a.RevocationGround == r.Ground) return WriteOutcome.Of(traveller, authorisationId, null, consequences, session, location);
            throw LedgerProblem.Conflict($"authorisation '{authorisationId}' was already revoked on {revoked:yyyy-MM-dd}");
        }
        if (r.Date < a.Granted) throw LedgerProblem.Conflict($"a revocation on {r.Date:yyyy-MM-dd} is before the grant on {a.Granted:yyyy-MM-dd}");
        // Through the warning pipeline: a stored plan the revocation leaves without a valid authorisation warns (planNoLongerLawful).
        return WriteOutcome.Of(traveller, authorisationId, new TravelAuthorisationRevoked(traveller.Id, authorisationId, r.Date!.Value, r.Ground),
            consequences, session, location);
    }
}
