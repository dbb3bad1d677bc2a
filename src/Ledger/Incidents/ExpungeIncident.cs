using JasperFx.Events;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

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
        [WriteTraveller] IEventStream<Traveller> stream,
        HttpContext http)
    {
        var recording = Recording.From(http);
        var traveller = TravellerStreams.Require(stream, recording);
        var incident = IncidentOutcome.Existing(traveller, incidentId, recording);
        var change = incident.Expunged ? null : new IncidentExpunged(traveller.Id, incidentId, r.Date!.Value, r.Text!);
        return WriteOutcome.Of(incidentId, change, $"/travellers/{traveller.Id}/incidents");
    }
}
