using Ledger.Hosting;
using Ledger.Projections.Visas;

namespace Ledger.Visas;

public static class VisaApplications
{
    /// <summary>
    /// A refusal, or a visa issued on an application, decides that application: only a caseworker of the application's
    /// own state may (the body's state is checked by the endpoint's Validate; this checks the recorded application's).
    /// </summary>
    public static void MayDecide(VisaBook book, string? applicationId, Recording recording)
    {
        if (applicationId is not null && book.Applications.FirstOrDefault(a => a.ApplicationId == applicationId) is { } application)
            recording.RequireCaller().MayRecordFor(application.State, "decisions on this application");
    }
}
