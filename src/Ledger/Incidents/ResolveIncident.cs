using JasperFx.Events;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

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
        [WriteTraveller] IEventStream<Traveller> stream,
        HttpContext http)
    {
        var recording = Recording.From(http);
        var traveller = TravellerStreams.Require(stream, recording);
        var incident = IncidentOutcome.Existing(traveller, incidentId, recording);
        var resolved = new IncidentResolved(traveller.Id, incidentId, r.Date!.Value, r.Text!);
        var same = incident.ResolvedOn == resolved.Date && incident.Resolution == resolved.Resolution;
        return WriteOutcome.Of(incidentId, same ? null : resolved, $"/travellers/{traveller.Id}/incidents");
    }
}
