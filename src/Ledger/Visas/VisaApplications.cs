using Ledger.Projections.Visas;
using Ledger.Writing;
using Ledger.Problems;

namespace Ledger.Visas;

/// <summary>The facts of an application a decision carries when the ledger never recorded it: its type (default: the visa's) and date.</summary>
public sealed record ApplicationFactsRequest([property: System.ComponentModel.DataAnnotations.MaxLength(20)] string? Type, [property: System.ComponentModel.DataAnnotations.Required] DateOnly? Date);

/// <summary>
/// The lifecycle of an application: applied, then one of refused, issued or withdrawn, never two. A decision names an
/// application the ledger holds, or carries the application's own facts (then recorded with it, marked
/// <c>applicationRecorded: false</c>); it is never dated before the application (422), and a decided application is
/// not decided again (409 naming the earlier decision). A void takes a fact back and reopens what it decided.
/// </summary>
public static class VisaApplications
{
    public const int Unprocessable = StatusCodes.Status422UnprocessableEntity;

    /// <summary>
    /// A refusal, or a visa issued on an application, decides that application: only a caseworker of the application's
    /// own state may (the body's state is checked by the endpoint's Validate; this checks the recorded application's).
    /// </summary>
    public static void MayDecide(VisaBook book, string? applicationId, Recording recording)
    {
        if (book.Application(applicationId) is { } application)
            recording.RequireCaller().MayRecordFor(application.State, "decisions on this application");
    }

    /// <summary>
    /// The application facts the decision must carry (null when the ledger holds the application), after checking the
    /// decision against the lifecycle. <paramref name="what"/> names the decision in messages ("refusal", "visa").
    /// </summary>
    public static ApplicationFacts? CheckDecision(VisaBook book, string applicationId, DateOnly decidedOn, ApplicationFacts? carried, string what)
    {
        if (book.Application(applicationId) is not { } application)
        {
            if (carried is null)
                throw Problem($"application '{applicationId}' is not recorded: record it first (POST /travellers/{{id}}/visas/applications), " +
                              "or give its facts in 'application' ({ type, date }) to record it with this decision");
            if (decidedOn < carried.Date)
                throw Problem($"the {what} is dated {decidedOn:yyyy-MM-dd}, before its application ({carried.Date:yyyy-MM-dd})");
            return carried;
        }
        if (application.Outcome != VisaApplication.Pending)
            throw LedgerProblem.Conflict($"application '{applicationId}' was already {application.Decision}; void that decision first to record another",
                new Dictionary<string, object?> { ["earlierDecision"] = application.Outcome, ["decidedOn"] = application.DecidedOn, ["visaId"] = application.VisaId });
        if (decidedOn < application.Date)
            throw Problem($"the {what} is dated {decidedOn:yyyy-MM-dd}, before its application ({application.Date:yyyy-MM-dd})");
        return null;
    }

    /// <summary>The facts of an application as a decision carried it, for idempotent resends (null when it was recorded on its own).</summary>
    public static ApplicationFacts? CarriedFacts(VisaBook book, string? applicationId) =>
        book.Application(applicationId) is { ApplicationRecorded: false } a ? new ApplicationFacts(a.Type, a.Date) : null;

    public static LedgerProblem Problem(string detail) => new(Unprocessable, "Contradicts the recorded facts", detail);
}
