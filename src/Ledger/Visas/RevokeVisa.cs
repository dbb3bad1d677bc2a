using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Visas;

/// <summary><c>kind</c> defaults to revoked (conditions no longer met); annulled means they were never met.</summary>
public sealed record VisaRevocationRequest(
    VisaEnding? Kind, [property: Required] string? State, [property: Required] DateOnly? Date, [property: Required, FreeText] string? Reason);

/// <summary>
/// <c>POST /travellers/{id}/visas/{visaId}/revocations</c>: by the issuing state's caseworkers (the stricter reading of
/// Visa Code Art. 34, which also lets another Member State act; not modelled yet). The visa must exist (404) and be
/// valid (409); the same revocation again adds nothing.
/// </summary>
public static class RevokeVisaEndpoint
{
    public static ProblemDetails Validate(VisaRevocationRequest request, HttpContext http) =>
        VisaRights.ForState(request.State!, "state", http);

    [WolverinePost("/travellers/{id}/visas/{visaId}/revocations")]
    public static (IResult, Events, OutgoingMessages) Post(
        string visaId, VisaRevocationRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var revoked = new VisaRevoked(traveller.Id, visaId, r.Kind ?? VisaEnding.Revoked, r.State!, r.Date!.Value, r.Reason!);
        return WriteOutcome.Of(traveller, visaId, Decide(traveller.Visas, revoked, recording), consequences, session, $"/travellers/{traveller.Id}/visas");
    }

    private static VisaRevoked? Decide(VisaBook book, VisaRevoked e, Recording recording)
    {
        var visa = book.Find(e.VisaId) ?? throw LedgerProblem.NotFound($"visa '{e.VisaId}' is not recorded");
        recording.RequireCaller().MayRecordFor(visa.IssuingState, "revocations of this visa");
        var ended = e.Kind == VisaEnding.Annulled ? VisaStatus.Annulled : VisaStatus.Revoked;
        if (visa.Status == ended && visa.EndedOn == e.Date) return null;
        if (visa.Status != VisaStatus.Valid) throw LedgerProblem.Conflict($"visa '{e.VisaId}' was already {visa.Status.ToString().ToLowerInvariant()} on {visa.EndedOn:yyyy-MM-dd}");
        return e;
    }
}
