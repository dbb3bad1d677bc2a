using Ledger.Access;
using JasperFx.Events;
using Ledger.Warnings;
using Ledger.Hosting;
using Ledger.Projections.Permits;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Permits;

public sealed record RecordPermitRequest(string? PermitId, string? Country, string? Kind, string? First, string? Last);

public sealed record RecordPermit(Guid TravellerId, PermitRecorded Permit, Recording Recording) : ITravellerCommand;

public static class RecordPermitEndpoint
{
    /// <summary>A residence permit, long-stay visa or permanent residence: its days in that country stop counting.</summary>
    [WolverinePost("/travellers/{id}/permits")]
    public static async Task<IResult> Post(Guid id, RecordPermitRequest r, IMessageBus bus, HttpContext http)
    {
        var permitId = Parse.Required(r.PermitId, "permitId");
        var first = Parse.Date(r.First, "first");
        var last = Parse.Date(r.Last, "last");
        if (last < first) throw LedgerProblem.BadRequest($"last {last:yyyy-MM-dd} is before first {first:yyyy-MM-dd}");
        var country = Parse.Country(r.Country, "country");
        Caller.Of(http).MayRecordFor(country, "permits");
        var permit = new PermitRecorded(id, permitId, country,
            Parse.Enum<PermitKind>(r.Kind, "kind", PermitKind.ResidencePermit), first, last);
        var result = await bus.InvokeAsync<Recorded>(new RecordPermit(id, permit, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/permits");
    }

    [WolverineGet("/travellers/{id}/permits")]
    public static async Task<IReadOnlyList<PermitRecorded>> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        return (await session.LoadAsync<Traveller>(id, ct) ?? throw LedgerProblem.NotFound($"traveller {id} is not registered")).Permits;
    }
}

[AggregateHandler]
public static class RecordPermitHandler
{
    public static (Recorded, Events, OutgoingMessages) Handle(RecordPermit command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);
        var existing = traveller.Permits.FirstOrDefault(p => p.PermitId == command.Permit.PermitId);
        if (Idempotency.AlreadyRecorded(existing, command.Permit, "permit", command.Permit.PermitId))
            return (new Recorded(command.Permit.PermitId, true), new Events(), new OutgoingMessages());
        var (events, messages) = consequences.Of(traveller, [command.Permit]);
        return (new Recorded(command.Permit.PermitId, false), events, messages);
    }
}
