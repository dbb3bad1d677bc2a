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

public sealed record VisaWithdrawalRequest([property: Required] DateOnly? Date, [property: FreeText] string? Reason);

/// <summary>
/// <c>POST /travellers/{id}/visa-applications/{applicationId}/withdrawal</c>: the applicant withdrew a pending
/// application; recorded by a caseworker of the application's state (checked on the recorded application). The same
/// withdrawal again adds nothing; a decided application cannot be withdrawn (409), nor before it was lodged (422).
/// </summary>
public static class WithdrawVisaApplicationEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayRecordCaseFacts();
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/visa-applications/{applicationId}/withdrawal")]
    public static (IResult, Events, OutgoingMessages) Post(
        string applicationId, VisaWithdrawalRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session)
    {
        var withdrawn = new VisaApplicationWithdrawn(traveller.Id, applicationId, r.Date!.Value, r.Reason);
        return WriteOutcome.Of(traveller, applicationId, Decide(traveller.Visas, withdrawn, recording.RequireCaller()), consequences, session,
            $"/travellers/{traveller.Id}/visas");
    }

    private static VisaApplicationWithdrawn? Decide(VisaBook book, VisaApplicationWithdrawn e, Caller caller)
    {
        var application = book.Application(e.ApplicationId) ?? throw LedgerProblem.NotFound($"application '{e.ApplicationId}' is not recorded");
        caller.MayRecordFor(application.State, "withdrawals of this application");
        if (application.Outcome == VisaApplication.Withdrawn && application.DecidedOn == e.Date) return null;
        VisaApplications.CheckDecision(book, e.ApplicationId, e.Date, null, "withdrawal");
        return e;
    }
}
