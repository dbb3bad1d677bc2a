using Ledger.Access;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Incidents;

/// <summary>
/// Another traveller named in an incident: always the id; the identity only when the caller may read that traveller's
/// record (a traveller reading its own record learns who else was involved only by id).
/// </summary>
public sealed record InvolvedTraveller(Guid TravellerId, TravellerIdentity? Identity);

/// <summary>An incident as it now stands, with its outcomes in the order they happened and the travellers it names.</summary>
public sealed record IncidentView(
    string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category, Severity Severity, string Source,
    string? Description, IncidentRole Role, bool Adverse, IReadOnlyList<IncidentOutcomeEntry> Outcomes,
    DateOnly? ResolvedOn, string? Resolution, IReadOnlyList<InvolvedTraveller> Involved);

/// <summary>Another traveller's incident that names this traveller, and that traveller as <see cref="InvolvedTraveller"/>.</summary>
public sealed record IncidentLinkView(string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category, InvolvedTraveller RecordedFor);

public static class GetIncidentsEndpoint
{
    /// <summary>The incident record as it stands: expunged incidents are not shown.</summary>
    [WolverineGet("/travellers/{id}/incidents")]
    public static async Task<IReadOnlyList<IncidentView>> Get(Guid id, IQuerySession session, IdentityVault vault, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var incidents = (await TravellerReads.LoadAsync(session, id, null, ct)).Incidents.Visible.ToList();
        var others = await InvolvedTravellers.DescribeAsync(incidents.SelectMany(i => i.Involved), session, vault, http, ct);
        return incidents.Select(i => new IncidentView(i.IncidentId, i.Jurisdiction, i.Date, i.Category, i.Severity, i.Source, i.Description,
            i.Role, i.Adverse, i.Outcomes, i.ResolvedOn, i.Resolution, i.Involved.Select(o => others[o]).ToList())).ToList();
    }

    /// <summary>Incidents recorded for other travellers that name this one (co-accused, family stopped together).</summary>
    [WolverineGet("/travellers/{id}/incidents/links")]
    public static async Task<IReadOnlyList<IncidentLinkView>> GetLinks(Guid id, IQuerySession session, IdentityVault vault, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var links = (await TravellerReads.LoadAsync(session, id, null, ct)).Incidents.Links;
        var others = await InvolvedTravellers.DescribeAsync(links.Select(l => l.OtherTravellerId), session, vault, http, ct);
        return links.Select(l => new IncidentLinkView(l.IncidentId, l.Jurisdiction, l.Date, l.Category, others[l.OtherTravellerId])).ToList();
    }
}

/// <summary>How a record shows the other travellers it names, according to who is asking.</summary>
public static class InvolvedTravellers
{
    public static async Task<IReadOnlyDictionary<Guid, InvolvedTraveller>> DescribeAsync(
        IEnumerable<Guid> ids, IQuerySession session, IdentityVault vault, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var result = new Dictionary<Guid, InvolvedTraveller>();
        var identitiesShown = new List<Guid>();
        foreach (var other in ids.Distinct())
        {
            TravellerIdentity? identity = null;
            if (Caller.Allows(() => caller.MayRead(other)))
            {
                identity = await vault.OpenAsync(await session.LoadAsync<SealedIdentity>(other, ct), ct) ?? await session.LoadAsync<TravellerIdentity>(other, ct);
                if (identity is not null) identitiesShown.Add(other);
            }
            result[other] = new InvolvedTraveller(other, identity);
        }
        // Showing someone's identity is a read of their record: it goes into their access log too.
        Ledger.AccessLog.RecordAccess.AlsoRead(http, identitiesShown);
        return result;
    }
}
