using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;

namespace Ledger.Incidents;

/// <summary>
/// <c>POST /travellers/{id}/incidents/{incidentId}/expungement</c>: struck from the record (e.g. by a court), no longer
/// shown or shared; the event history keeps it. Expunging again adds nothing.
/// </summary>
public static class ExpungeIncidentEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts();
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/incidents/{incidentId}/expungement")]
    public static (IResult, Events) Post(
        string incidentId, IncidentOutcomeRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording)
    {
        var incident = IncidentOutcome.Existing(traveller, incidentId, recording);
        var change = incident.Expunged ? null : new IncidentExpunged(traveller.Id, incidentId, r.Date!.Value, r.Text!);
        return WriteOutcome.Of(incidentId, change, $"/travellers/{traveller.Id}/incidents");
    }
}
