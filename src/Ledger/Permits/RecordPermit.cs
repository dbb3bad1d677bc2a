using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Permits;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;

namespace Ledger.Permits;

/// <summary>A residence permit, long-stay visa or permanent residence from <c>first</c> to <c>last</c> (both inclusive); <c>kind</c> defaults to residencePermit.</summary>
public sealed record RecordPermitRequest(
    [property: Required] string? PermitId, [property: Required] string? Country, PermitKind? Kind,
    [property: Required] DateOnly? First, [property: Required] DateOnly? Last);

/// <summary><c>POST /travellers/{id}/permits</c>: by a caseworker of the country; its days there stop counting. The permit id is an idempotency key.</summary>
public static class RecordPermitEndpoint
{
    public static ProblemDetails Validate(RecordPermitRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.Last < request.First) errors.Add("last", $"last {request.Last:yyyy-MM-dd} is before first {request.First:yyyy-MM-dd}");
        errors.Check("country", () => Parse.Country(request.Country, "country"));
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordFor(request.Country!, "permits");
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/permits")]
    public static (IResult, Events, OutgoingMessages) Post(
        RecordPermitRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var permit = new PermitRecorded(traveller.Id, r.PermitId!, r.Country!, r.Kind ?? PermitKind.ResidencePermit, r.First!.Value, r.Last!.Value);
        var existing = traveller.Permits.FirstOrDefault(p => p.PermitId == permit.PermitId);
        var change = Idempotency.Decide(existing, permit, "permit", permit.PermitId).ChangeOrThrow(permit);
        return WriteOutcome.Of(traveller, permit.PermitId, change, consequences, session, $"/travellers/{traveller.Id}/permits");
    }
}
