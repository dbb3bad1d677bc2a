using JasperFx.Events;
using Ledger.Projections.Travellers;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.FloorHost;

/// <summary>An event the traveller's snapshot ignores: appending it costs what any append costs, and decides nothing.</summary>
public sealed record FloorTouched(Guid TravellerId, int N);

/// <summary>
/// The framework's floor for one write: fetch the traveller for writing (optimistic, inline snapshot), append one
/// event, commit, answer 201. No validation, no rules, no warnings: what is left is HTTP, Wolverine and Marten.
/// </summary>
public static class FloorEndpoint
{
    [WolverinePost("/travellers/{id}/bench-floor/{n}")]
    public static (IResult, Events) Post(int n, [WriteAggregate] IEventStream<Traveller> stream) =>
        (Results.Created($"/travellers/{stream.Id}", null), new Events { new FloorTouched(stream.Id, n) });
}
