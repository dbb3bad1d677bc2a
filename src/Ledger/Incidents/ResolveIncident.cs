using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;

namespace Ledger.Incidents;

/// <summary><c>POST /travellers/{id}/incidents/{incidentId}/resolution</c>: the same resolution again adds nothing.</summary>
public static class ResolveIncidentEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts(); // the incident's jurisdiction is checked on the record
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/incidents/{incidentId}/resolution")]
    public static (IResult, Events) Post(
        string incidentId, IncidentOutcomeRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording)
    {
        var incident = IncidentOutcome.Existing(traveller, incidentId, recording);
        var resolved = new IncidentResolved(traveller.Id, incidentId, r.Date!.Value, r.Text!);
        var same = incident.ResolvedOn == resolved.Date && incident.Resolution == resolved.Resolution;
        return WriteOutcome.Of(incidentId, Idempotency.Decide(same ? [] : null, "resolution of incident", incidentId).ChangeOrThrow(resolved), $"/travellers/{traveller.Id}/incidents");
    }
}
