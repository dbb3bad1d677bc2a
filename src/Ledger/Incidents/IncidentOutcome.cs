using System.ComponentModel.DataAnnotations;
using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;

namespace Ledger.Incidents;

/// <summary>A resolution or an expungement: when it happened and what was decided.</summary>
public sealed record IncidentOutcomeRequest([property: Required] DateOnly? Date, [property: Required, FreeText] string? Text);

public static class IncidentOutcome
{
    /// <summary>The incident, which only a caseworker of its jurisdiction may resolve or expunge.</summary>
    public static Incident Existing(Traveller traveller, string incidentId, Recording recording)
    {
        var incident = traveller.Incidents.Find(incidentId)
            ?? throw LedgerProblem.NotFound($"incident '{incidentId}' is not recorded for traveller {traveller.Id}");
        recording.RequireCaller().MayRecordFor(incident.Jurisdiction, "incident outcomes");
        return incident;
    }
}
