using System.ComponentModel.DataAnnotations;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Incidents;

/// <summary>A resolution or an expungement: when it happened and what was decided.</summary>
public sealed record IncidentOutcomeRequest([property: Required] DateOnly? Date, [property: Required, FreeText] string? Text);

/// <summary>What is shared by every fact recorded about an existing incident (resolutions, expungements, outcomes).</summary>
public static class IncidentOutcome
{
    /// <summary>The incident, which only a caseworker of its jurisdiction may resolve, expunge or give an outcome.</summary>
    public static Incident Existing(Traveller traveller, string incidentId, Recording recording)
    {
        var incident = traveller.Incidents.Find(incidentId)
            ?? throw LedgerProblem.NotFound($"incident '{incidentId}' is not recorded for traveller {traveller.Id}");
        recording.RequireCaller().MayRecordFor(incident.Jurisdiction, "incident outcomes");
        return incident;
    }

    /// <summary>Nothing can become of an incident before it happened: 422 naming both dates.</summary>
    public static void RequireNotBefore(Incident incident, DateOnly date, string what)
    {
        if (date < incident.Date)
            throw new LedgerProblem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request",
                $"{what} dated {date:yyyy-MM-dd} is before incident '{incident.IncidentId}' itself ({incident.Date:yyyy-MM-dd})");
    }
}
