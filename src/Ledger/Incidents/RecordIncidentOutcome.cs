using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Incidents;

/// <summary>One step of what became of an incident: <c>outcome</c> on <c>date</c>, with an optional note.</summary>
public sealed record RecordIncidentOutcomeRequest(
    [property: Required] IncidentOutcomeKind? Outcome, [property: Required] DateOnly? Date, [property: FreeText] string? Note);

/// <summary>
/// <c>POST /travellers/{id}/incidents/{incidentId}/outcomes</c>: each outcome is its own event, so a charge and the
/// acquittal that follows both stand, each with its date (and an incident shared with another state carries them all).
/// By a caseworker of the incident's jurisdiction; an outcome dated before the incident is refused (422); the same
/// outcome on the same date with the same note again adds nothing (200).
/// </summary>
public static class RecordIncidentOutcomeEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts(); // the incident's jurisdiction is checked on the record
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/incidents/{incidentId}/outcomes")]
    public static (IResult, Events) Post(
        string incidentId, RecordIncidentOutcomeRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording)
    {
        var incident = IncidentOutcome.Existing(traveller, incidentId, recording);
        if (incident.Expunged) throw LedgerProblem.Conflict($"incident '{incidentId}' was expunged; nothing more is recorded about it");
        IncidentOutcome.RequireNotBefore(incident, r.Date!.Value, "the outcome");
        var outcome = new IncidentOutcomeRecorded(traveller.Id, incidentId, r.Outcome!.Value, r.Date!.Value, r.Note);
        var same = incident.Outcomes.Contains(new IncidentOutcomeEntry(outcome.Outcome, outcome.Date, outcome.Note));
        return WriteOutcome.Of(incidentId, Idempotency.Decide(same ? [] : null, "outcome of incident", incidentId).ChangeOrThrow(outcome), $"/travellers/{traveller.Id}/incidents");
    }
}
