using Ledger.Access;
using JasperFx.Events;
using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Incidents;

public sealed record RecordIncidentRequest(
    string? IncidentId, string? Jurisdiction, string? Date, string? Category, string? Severity, string? Source, string? Description);

public sealed record IncidentOutcomeRequest(string? Date, string? Text);

public sealed record RecordIncident(Guid TravellerId, IncidentRecorded Incident, Recording Recording) : ITravellerCommand;

public sealed record ResolveIncident(Guid TravellerId, IncidentResolved Resolution, Recording Recording) : ITravellerCommand;

public sealed record ExpungeIncident(Guid TravellerId, IncidentExpunged Expungement, Recording Recording) : ITravellerCommand;

public static class IncidentEndpoints
{
    [WolverinePost("/travellers/{id}/incidents")]
    public static async Task<IResult> Post(Guid id, RecordIncidentRequest r, IMessageBus bus, HttpContext http)
    {
        var incidentId = Parse.Required(r.IncidentId, "incidentId");
        if (incidentId.StartsWith("overstay-", StringComparison.Ordinal))
            throw LedgerProblem.BadRequest("incidentId: ids starting with 'overstay-' are reserved for overstays the ledger detects itself");
        var jurisdiction = Parse.Country(r.Jurisdiction, "jurisdiction");
        Caller.Of(http).MayRecordFor(jurisdiction, "incidents");
        var incident = new IncidentRecorded(id, incidentId, jurisdiction, Parse.Date(r.Date, "date"),
            Parse.Enum<IncidentCategory>(r.Category, "category", null), Parse.Enum<Severity>(r.Severity, "severity", Severity.Medium),
            Parse.Required(r.Source, "source"), r.Description is null ? null : Parse.Text(r.Description, "description"));
        var result = await bus.InvokeAsync<Recorded>(new RecordIncident(id, incident, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/incidents");
    }

    [WolverinePost("/travellers/{id}/incidents/{incidentId}/resolution")]
    public static Task<Recorded> Resolve(Guid id, string incidentId, IncidentOutcomeRequest r, IMessageBus bus, HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts(); // the incident's jurisdiction is checked by the handler, on the record
        return bus.InvokeAsync<Recorded>(new ResolveIncident(id,
            new IncidentResolved(id, incidentId, Parse.Date(r.Date, "date"), Parse.Text(r.Text, "text")), Recording.From(http)));
    }

    [WolverinePost("/travellers/{id}/incidents/{incidentId}/expungement")]
    public static Task<Recorded> Expunge(Guid id, string incidentId, IncidentOutcomeRequest r, IMessageBus bus, HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts();
        return bus.InvokeAsync<Recorded>(new ExpungeIncident(id,
            new IncidentExpunged(id, incidentId, Parse.Date(r.Date, "date"), Parse.Text(r.Text, "text")), Recording.From(http)));
    }

    /// <summary>The incident record as it stands: expunged incidents are not shown.</summary>
    [WolverineGet("/travellers/{id}/incidents")]
    public static async Task<IReadOnlyList<Incident>> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        return (await session.LoadAsync<Traveller>(id, ct) ?? throw LedgerProblem.NotFound($"traveller {id} is not registered")).Incidents.Visible.ToList();
    }
}

[AggregateHandler]
public static class IncidentHandlers
{
    public static (Recorded, Events) Handle(RecordIncident command, IEventStream<Traveller> stream)
    {
        var traveller = TravellerStreams.Require(stream, command);
        var e = command.Incident;
        var existing = traveller.Incidents.Find(e.IncidentId);
        var same = existing is not null && Idempotency.AlreadyRecorded(
            new IncidentRecorded(e.TravellerId, existing.IncidentId, existing.Jurisdiction, existing.Date, existing.Category, existing.Severity,
                existing.Source, existing.Description), e, "incident", e.IncidentId);
        return same ? (new Recorded(e.IncidentId, true), new Events()) : (new Recorded(e.IncidentId, false), new Events { e });
    }

    public static (Recorded, Events) Handle(ResolveIncident command, IEventStream<Traveller> stream)
    {
        var incident = Existing(stream, command, command.Resolution.IncidentId);
        if (incident.ResolvedOn == command.Resolution.Date && incident.Resolution == command.Resolution.Resolution)
            return (new Recorded(incident.IncidentId, true), new Events());
        return (new Recorded(incident.IncidentId, false), new Events { command.Resolution });
    }

    public static (Recorded, Events) Handle(ExpungeIncident command, IEventStream<Traveller> stream)
    {
        var incident = Existing(stream, command, command.Expungement.IncidentId);
        return incident.Expunged
            ? (new Recorded(incident.IncidentId, true), new Events())
            : (new Recorded(incident.IncidentId, false), new Events { command.Expungement });
    }

    /// <summary>The incident, which only a caseworker of its jurisdiction may resolve or expunge.</summary>
    private static Incident Existing(IEventStream<Traveller> stream, ITravellerCommand command, string incidentId)
    {
        var incident = TravellerStreams.Require(stream, command).Incidents.Find(incidentId)
            ?? throw LedgerProblem.NotFound($"incident '{incidentId}' is not recorded for traveller {command.TravellerId}");
        command.Recording.RequireCaller().MayRecordFor(incident.Jurisdiction, "incident outcomes");
        return incident;
    }
}
