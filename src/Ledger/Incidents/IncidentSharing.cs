using Ledger.Projections.Incidents;
using Ledger.Projections.Sharing;
using Ledger.Sharing;

namespace Ledger.Incidents;

/// <summary>Which of a traveller's incidents a requesting state sees in the shared-records view.</summary>
public static class IncidentSharing
{
    /// <summary>
    /// Incidents the holder (the jurisdiction) shares with <paramref name="requester"/> under an arrangement that shares
    /// the traveller's role in it (sharing.json, <c>incidentRoles</c>): a complainant's, victim's or witness's incident
    /// stays with the traveller and caseworkers. A shared incident carries its outcomes (an acquittal travels with the
    /// charge). The other travellers it names are left out: a link says something about them, and their own records
    /// follow their own sharing.
    /// </summary>
    public static List<Shared<Incident>> Shared(IEnumerable<Incident> incidents, string requester, SharingRules rules, OwnPeople own) =>
        incidents
            .Select(i => (incident: i, under: rules.IncidentSharedUnder(i.Jurisdiction, requester, i.Role, own, i.Date)))
            .Where(x => x.under is not null)
            .Select(x => new Shared<Incident>(x.incident.Jurisdiction == requester ? x.incident : x.incident with { Involved = [] }, x.incident.Jurisdiction, x.under!))
            .ToList();
}
