using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Evidence;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Evidence;

public sealed record VoidEvidenceRequest([property: Required, FreeText] string? Reason);

/// <summary>
/// <c>POST /travellers/{id}/evidence/{evidenceId}/void</c>: evidence recorded by mistake stays in the stream and stops
/// settling days. Voiding again adds nothing.
/// </summary>
public static class VoidEvidenceEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordEvidence(); // the evidence's country is checked on the record
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/evidence/{evidenceId}/void")]
    public static (IResult, Events, OutgoingMessages) Post(
        string evidenceId, VoidEvidenceRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, RuleSet rules, IDocumentSession session)
    {
        var book = traveller.Evidence;
        var existing = book.Find(evidenceId)
            ?? throw LedgerProblem.NotFound($"evidence '{evidenceId}' is not recorded for traveller {traveller.Id}");
        recording.RequireCaller().MayRecordEvidence(existing.PresentIn, existing.AbsentFrom, rules);
        var change = book.IsVoided(evidenceId) ? null : new EvidenceVoided(traveller.Id, evidenceId, r.Reason!);
        return WriteOutcome.Of(traveller, evidenceId, change, consequences, session, $"/travellers/{traveller.Id}/evidence/{Uri.EscapeDataString(evidenceId)}");
    }
}
