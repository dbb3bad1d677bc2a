using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Incidents;

/// <summary>An incident in <c>jurisdiction</c>'s records; <c>severity</c> defaults to medium.</summary>
public sealed record RecordIncidentRequest(
    [property: Required] string? IncidentId, [property: Required] string? Jurisdiction, [property: Required] DateOnly? Date,
    [property: Required] IncidentCategory? Category, Severity? Severity, [property: Required] string? Source,
    [property: FreeText] string? Description);

/// <summary><c>POST /travellers/{id}/incidents</c>: by a caseworker of the jurisdiction. The incident id is an idempotency key.</summary>
public static class RecordIncidentEndpoint
{
    public static ProblemDetails Validate(RecordIncidentRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.IncidentId!.StartsWith("overstay-", StringComparison.Ordinal))
            errors.Add("incidentId", "incidentId: ids starting with 'overstay-' are reserved for overstays the ledger detects itself");
        errors.Check("jurisdiction", () => Parse.Country(request.Jurisdiction, "jurisdiction"));
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordFor(request.Jurisdiction!, "incidents");
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/incidents")]
    public static (IResult, Events) Post(
        RecordIncidentRequest r,
        [WriteTraveller] IEventStream<Traveller> stream,
        HttpContext http)
    {
        var traveller = TravellerStreams.Require(stream, Recording.From(http));
        var incident = new IncidentRecorded(traveller.Id, r.IncidentId!, r.Jurisdiction!, r.Date!.Value, r.Category!.Value,
            r.Severity ?? Severity.Medium, r.Source!, r.Description);
        var existing = traveller.Incidents.Find(incident.IncidentId) is { } x
            ? new IncidentRecorded(traveller.Id, x.IncidentId, x.Jurisdiction, x.Date, x.Category, x.Severity, x.Source, x.Description)
            : null;
        var change = Idempotency.AlreadyRecorded(existing, incident, "incident", incident.IncidentId) ? null : incident;
        return WriteOutcome.Of(incident.IncidentId, change, $"/travellers/{traveller.Id}/incidents");
    }
}
