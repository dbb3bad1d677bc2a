using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Crossings;
using Ledger.Projections.Movements;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;

namespace Ledger.Movements;

/// <summary>A move inside an area: the traveller was in <c>country</c> on <c>date</c>, shown by <c>source</c>.</summary>
public sealed record MovementRequest(
    [property: Required] string? MovementId, [property: Required] string? Country, [property: Required] DateOnly? Date,
    [property: Required] MovementSource? Source);

/// <summary>
/// <c>POST /travellers/{id}/movements</c>: presence inside an area (a train ticket, a hotel record, the traveller's own
/// word) so that a stay's days belong to the country they were spent in (<see cref="MovementSplit"/>). The movement id
/// is an idempotency key; what the move changes is assessed like a new crossing (warnings, incidents).
/// </summary>
public static class RecordMovementEndpoint
{
    public static ProblemDetails Validate(Guid id, MovementRequest r, TimeProvider clock, HttpContext http)
    {
        var errors = new FieldErrors();
        if (r.Country is not null) errors.Check("country", () => Parse.Country(r.Country, "country"));
        if (r.Date > RecordCrossingRequest.LatestPossibleToday(clock)) errors.Add("date", $"date {r.Date:yyyy-MM-dd} is in the future; movements are recorded as they happen");
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordMovement(id, r.Country!, r.Source!.Value == MovementSource.SelfReported);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/movements")]
    public static (IResult, Events, OutgoingMessages) Post(
        MovementRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var movement = new MovementRecorded(traveller.Id, r.MovementId!, r.Country!, r.Date!.Value, r.Source!.Value);
        var existing = traveller.Movements.FirstOrDefault(m => m.MovementId == movement.MovementId);
        var change = Idempotency.Decide(existing, movement, "movement", movement.MovementId).ChangeOrThrow(movement);
        return WriteOutcome.Of(traveller, movement.MovementId, change, consequences, session,
            $"/travellers/{traveller.Id}/movements/{Uri.EscapeDataString(movement.MovementId)}");
    }
}
