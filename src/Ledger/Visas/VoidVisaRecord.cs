using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
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

/// <summary>
/// <c>record</c>: <c>application</c>, <c>refusal</c> or <c>withdrawal</c> (then <c>id</c> is the application id) or
/// <c>issue</c> (then <c>id</c> is the visa id).
/// </summary>
public sealed record VisaVoidRequest([property: Required] VisaRecordKind? Record, [property: Required] string? Id, [property: Required, FreeText] string? Reason);

/// <summary>
/// <c>POST /travellers/{id}/visas/voids</c>: a caseworker of the record's state takes back a visa fact recorded by
/// mistake. The fact stays in the stream (auditors: /events, ?asKnownAt= before the void) but leaves the current view
/// and the shared records; what it decided is reopened (a voided refusal leaves its application pending). An application
/// that was decided is voided after its decision (409 until then). Voiding a voided fact again adds nothing.
/// </summary>
public static class VoidVisaRecordEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts();
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/visas/voids")]
    public static (IResult, Events, OutgoingMessages) Post(
        VisaVoidRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var voided = new VisaRecordVoided(traveller.Id, r.Record!.Value, r.Id!, r.Reason!);
        return WriteOutcome.Of(traveller, r.Id!, Decide(traveller.Visas, voided, recording.RequireCaller()), consequences, session,
            $"/travellers/{traveller.Id}/visas");
    }

    private static VisaRecordVoided? Decide(VisaBook book, VisaRecordVoided e, Caller caller)
    {
        var (state, present, what) = e.Record switch
        {
            VisaRecordKind.Issue => (book.Find(e.RecordId)?.IssuingState, book.Find(e.RecordId) is not null, $"visa '{e.RecordId}'"),
            VisaRecordKind.Refusal => (book.RefusalOf(e.RecordId)?.State, book.RefusalOf(e.RecordId) is not null, $"refusal of application '{e.RecordId}'"),
            VisaRecordKind.Withdrawal => (book.Application(e.RecordId)?.State,
                book.Application(e.RecordId)?.Outcome == VisaApplication.Withdrawn, $"withdrawal of application '{e.RecordId}'"),
            _ => (book.Application(e.RecordId)?.State, book.Application(e.RecordId) is not null, $"application '{e.RecordId}'"),
        };
        if (!present)
        {
            if (book.WasVoided(e.Record, e.RecordId)) return null;
            throw LedgerProblem.NotFound($"{what} is not recorded");
        }
        caller.MayRecordFor(state!, "voids of this visa record");
        if (e.Record == VisaRecordKind.Application && book.Application(e.RecordId) is { Outcome: not VisaApplication.Pending } decided)
            throw LedgerProblem.Conflict($"application '{e.RecordId}' was {decided.Decision}: void that decision first");
        return e;
    }
}
