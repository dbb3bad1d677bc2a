namespace Ledger.Projections.Incidents;

/// <summary>One outcome of an incident, as recorded.</summary>
public sealed record IncidentOutcomeEntry(IncidentOutcomeKind Outcome, DateOnly Date, string? Note);

/// <summary>
/// An incident as it now stands. <see cref="Role"/>, <see cref="Outcomes"/> and <see cref="Involved"/> are init
/// properties with defaults, so snapshots stored before they existed still load (subject, none, nobody).
/// </summary>
public sealed record Incident(
    string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category, Severity Severity, string Source,
    string? Description, DateOnly? ResolvedOn, string? Resolution, bool Expunged)
{
    public IncidentRole Role { get; init; } = IncidentRole.Subject;

    /// <summary>Only incidents the traveller was the subject of count against them.</summary>
    public bool Adverse => Role == IncidentRole.Subject;

    /// <summary>In the order they happened (then the order they were recorded).</summary>
    public IReadOnlyList<IncidentOutcomeEntry> Outcomes { get; init; } = [];

    /// <summary>Other travellers involved, by id only.</summary>
    public IReadOnlyList<Guid> Involved { get; init; } = [];
}

/// <summary>Another traveller's incident that names this traveller as involved.</summary>
public sealed record IncidentLink(Guid OtherTravellerId, string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category);

/// <summary>A traveller's incidents as they now stand. Expunged incidents are kept here (flagged) so ids stay unique.</summary>
public sealed record IncidentBook(IReadOnlyList<Incident> All)
{
    public static readonly IncidentBook Empty = new([]);

    /// <summary>Incidents of other travellers that name this one (empty in snapshots stored before links existed).</summary>
    public IReadOnlyList<IncidentLink> Links { get; init; } = [];

    public IEnumerable<Incident> Visible => All.Where(i => !i.Expunged);

    public Incident? Find(string incidentId) => All.FirstOrDefault(i => i.IncidentId == incidentId);

    public IncidentBook Apply(IncidentRecorded e) => this with
    {
        All = [.. All, new Incident(e.IncidentId, e.Jurisdiction, e.Date, e.Category, e.Severity, e.Source, e.Description, null, null, false)
        {
            Role = e.Role ?? IncidentRole.Subject,
            Involved = e.Involved ?? [],
        }],
    };

    public IncidentBook Apply(IncidentResolved e) => Update(e.IncidentId, i => i with { ResolvedOn = e.Date, Resolution = e.Resolution });

    public IncidentBook Apply(IncidentExpunged e) => Update(e.IncidentId, i => i with { Expunged = true });

    public IncidentBook Apply(IncidentOutcomeRecorded e) => Update(e.IncidentId, i => i with
    {
        // Stable: outcomes of the same day keep the order they were recorded in.
        Outcomes = [.. i.Outcomes.Append(new IncidentOutcomeEntry(e.Outcome, e.Date, e.Note)).OrderBy(o => o.Date)],
    });

    public IncidentBook Apply(IncidentLinked e) =>
        Links.Any(l => l.OtherTravellerId == e.OtherTravellerId && l.IncidentId == e.IncidentId)
            ? this
            : this with { Links = [.. Links, new IncidentLink(e.OtherTravellerId, e.IncidentId, e.Jurisdiction, e.Date, e.Category)] };

    private IncidentBook Update(string id, Func<Incident, Incident> change) => this with { All = All.Select(i => i.IncidentId == id ? change(i) : i).ToList() };
}
