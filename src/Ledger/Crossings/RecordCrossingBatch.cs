using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;

namespace Ledger.Crossings;

public sealed record RecordCrossingsRequest([property: Required, MaxLength(RecordCrossingBatchEndpoint.MaxCrossings)] IReadOnlyList<RecordCrossingRequest>? Crossings);

/// <summary>
/// <c>POST /travellers/{id}/crossings/batch</c>: several crossings of one traveller in one transaction (all or none).
/// Not needed for correctness (any order is recorded); cheaper for a feed that has them together.
/// </summary>
public static class RecordCrossingBatchEndpoint
{
    public const int MaxCrossings = 100;

    public static ProblemDetails Validate(Guid id, RecordCrossingsRequest request, TimeProvider clock, HttpContext http)
    {
        var errors = new FieldErrors();
        var crossings = request.Crossings!;
        if (crossings.Count == 0) errors.Add("crossings", "crossings: at least one crossing is required");
        for (var i = 0; i < crossings.Count; i++) crossings[i].Validate($"crossings[{i}].", clock, errors);
        if (crossings.GroupBy(c => c.CrossingId).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            errors.Add("crossings", $"crossings: crossingId '{duplicate.Key}' appears more than once");
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        foreach (var c in crossings) caller.MayRecordCrossing(id, c.Country!, c.Source ?? Projections.Crossings.CrossingSource.BorderSystem);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/crossings/batch")]
    public static (CrossingsAccepted, Events, OutgoingMessages) Post(
        RecordCrossingsRequest request,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        return CrossingDecision.Decide(session, traveller, request.Crossings!.Select(c => c.ToInput()).ToList(), recording.RequireCaller(), consequences);
    }
}
