using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Incidents;

/// <summary>
/// An incident in <c>jurisdiction</c>'s records; <c>severity</c> defaults to medium, <c>role</c> (the traveller's
/// part in it) to subject. <c>involved</c> names other registered travellers involved, by id (co-accused, family
/// members stopped together).
/// </summary>
public sealed record RecordIncidentRequest(
    [property: Required] string? IncidentId, [property: Required] string? Jurisdiction, [property: Required] DateOnly? Date,
    [property: Required] IncidentCategory? Category, Severity? Severity, [property: Required] string? Source,
    [property: FreeText] string? Description, IncidentRole? Role, [property: MaxLength(Parse.MaxListItems)] IReadOnlyList<Guid>? Involved);

/// <summary><c>POST /travellers/{id}/incidents</c>: by a caseworker of the jurisdiction. The incident id is an idempotency key.</summary>
public static class RecordIncidentEndpoint
{
    public static ProblemDetails Validate(RecordIncidentRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.IncidentId!.StartsWith("overstay-", StringComparison.Ordinal))
            errors.Add("incidentId", "incidentId: ids starting with 'overstay-' are reserved for overstays the ledger detects itself");
        errors.Check("jurisdiction", () => Parse.Country(request.Jurisdiction, "jurisdiction"));
        var involved = request.Involved ?? [];
        if (Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var self) && involved.Contains(self))
            errors.Add("involved", "involved names other travellers; the traveller the incident is recorded for is implied");
        if (involved.Distinct().Count() != involved.Count) errors.Add("involved", "involved names a traveller more than once");
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordFor(request.Jurisdiction!, "incidents");
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/incidents")]
    public static async Task<(IResult, Events)> Post(
        RecordIncidentRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        IDocumentSession session,
        HttpContext http)
    {
        var involved = (r.Involved ?? []).ToList();
        var incident = new IncidentRecorded(traveller.Id, r.IncidentId!, r.Jurisdiction!, r.Date!.Value, r.Category!.Value,
            r.Severity ?? Severity.Medium, r.Source!, r.Description, r.Role ?? IncidentRole.Subject, involved);
        var existing = traveller.Incidents.Find(incident.IncidentId) is { } x
            ? new IncidentRecorded(traveller.Id, x.IncidentId, x.Jurisdiction, x.Date, x.Category, x.Severity, x.Source, x.Description, x.Role, x.Involved)
            : null;
        if (Idempotency.Decide(existing is null ? null : Content.Of(existing), Content.Of(incident), "incident", incident.IncidentId).ChangeOrThrow(incident) is null)
            return WriteOutcome.Of(incident.IncidentId, null, $"/travellers/{traveller.Id}/incidents");

        // Each traveller named gets the link on its own record, in this transaction. Their streams are locked as this
        // one is, so a concurrent write to them queues instead of losing the link; in id order, as imports lock theirs,
        // so that two writes naming the same travellers cannot wait on each other. (This traveller's stream is locked
        // first, by the endpoint: two incidents naming each other's travellers can still deadlock; PostgreSQL then
        // aborts one, which answers 503, retry.)
        foreach (var other in involved.Order())
        {
            var linked = await session.Events.FetchForExclusiveWriting<Traveller>(other, http.RequestAborted);
            if (linked.Aggregate is null)
                throw new LedgerProblem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", $"involved: traveller {other} is not registered");
            linked.AppendOne(new IncidentLinked(other, traveller.Id, incident.IncidentId, incident.Jurisdiction, incident.Date, incident.Category));
        }
        return WriteOutcome.Of(incident.IncidentId, incident, $"/travellers/{traveller.Id}/incidents");
    }

    /// <summary>What the idempotency rule compares: the event's fields, the list of involved travellers by value.</summary>
    private sealed record Content(
        string Jurisdiction, DateOnly Date, IncidentCategory Category, Severity Severity, string Source, string? Description,
        IncidentRole Role, string Involved)
    {
        public static Content Of(IncidentRecorded e) => new(e.Jurisdiction, e.Date, e.Category, e.Severity, e.Source, e.Description,
            e.Role ?? IncidentRole.Subject, string.Join(",", (e.Involved ?? []).Order()));
    }
}
