namespace Ledger.Projections.Incidents;

public sealed record Incident(
    string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category, Severity Severity, string Source,
    string? Description, DateOnly? ResolvedOn, string? Resolution, bool Expunged);

/// <summary>A traveller's incidents as they now stand. Expunged incidents are kept here (flagged) so ids stay unique.</summary>
public sealed record IncidentBook(IReadOnlyList<Incident> All)
{
    public static readonly IncidentBook Empty = new([]);

    public IEnumerable<Incident> Visible => All.Where(i => !i.Expunged);

    public Incident? Find(string incidentId) => All.FirstOrDefault(i => i.IncidentId == incidentId);

    public IncidentBook Apply(IncidentRecorded e) => new([.. All,
        new Incident(e.IncidentId, e.Jurisdiction, e.Date, e.Category, e.Severity, e.Source, e.Description, null, null, false)]);

    public IncidentBook Apply(IncidentResolved e) => Update(e.IncidentId, i => i with { ResolvedOn = e.Date, Resolution = e.Resolution });

    public IncidentBook Apply(IncidentExpunged e) => Update(e.IncidentId, i => i with { Expunged = true });

    private IncidentBook Update(string id, Func<Incident, Incident> change) => new(All.Select(i => i.IncidentId == id ? change(i) : i).ToList());
}
