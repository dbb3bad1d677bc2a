using Ledger.Access;
using Ledger.Writing;

namespace Ledger.Demo;

/// <summary>
/// The development token the demo mints when none is given, as <c>tokens issue</c> would: recorder and caseworker for
/// the countries the demo records in. Its subject is fixed because the ledger derives a registration's id from the
/// <c>Idempotency-Key</c> and the subject together: the same subject finds the same travellers on every run.
/// </summary>
public static class DemoToken
{
    public const string Subject = "ledger-demo";

    public static string Issue(AuthOptions options, DateTimeOffset now) =>
        DevelopmentTokens.Issue(options, new TokenRequest(Subject, [Role.Recorder, Role.Caseworker], DemoCases.Countries, null, TimeSpan.FromHours(1)), now);
}
