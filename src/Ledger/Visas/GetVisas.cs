using Ledger.Access;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.Visas;

/// <summary>
/// A visa as read on a day: its facts, its category's kind (null for a type the categories no longer list), and its
/// derived <c>status</c> on <c>on</c> (<see cref="VisaStanding"/>), with the entries used by then.
/// </summary>
public sealed record VisaOnDay(
    string VisaId, string? ApplicationId, string IssuingState, string Type, PermissionKind? Kind, VisaEntries Entries,
    DateOnly ValidFrom, DateOnly ValidUntil, int DurationDays, DateOnly IssuedOn, VisaState Status, int EntriesUsed, int? EntriesAllowed,
    DateOnly? EndedOn, string? EndReason, string? Ending);

public sealed record VisasView(
    Guid TravellerId, DateOnly On, DateTimeOffset? AsKnownAt,
    IReadOnlyList<VisaApplication> Applications, IReadOnlyList<VisaOnDay> Visas, IReadOnlyList<Refusal> Refusals);

public static class GetVisasEndpoint
{
    /// <summary>
    /// Applications (with their outcome), visas (with their status on <paramref name="on"/>, default today UTC) and
    /// refusals; voided facts are not shown. With <paramref name="asKnownAt"/> (auditors, admins) as the ledger knew
    /// them at that instant.
    /// </summary>
    [WolverineGet("/travellers/{id}/visas")]
    public static async Task<VisasView> Get(Guid id, string? on, string? asKnownAt, IQuerySession session, RuleSet rules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id, asKnownAt: !string.IsNullOrEmpty(asKnownAt));
        var day = Parse.OptionalDate(on, "on") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var knownAt = Parse.OptionalInstant(asKnownAt, "asKnownAt");
        var traveller = await TravellerReads.LoadAsync(session, id, knownAt, ct);
        var book = traveller.Visas;
        // Snapshots from before applicationRecorded existed hold null there: those applications were recorded on their own.
        var applications = book.Applications.Select(a => a with { ApplicationRecorded = a.ApplicationRecorded ?? true }).ToList();
        return new VisasView(id, day, knownAt, applications, book.Visas.Select(v => OnDay(v, day, traveller, rules)).ToList(), book.Refusals);
    }

    public static VisaOnDay OnDay(Visa v, DateOnly day, Traveller traveller, RuleSet rules)
    {
        var standing = VisaStanding.On(v, day, traveller.Crossings.Current, rules, VisaCategories.Default);
        return new VisaOnDay(v.VisaId, v.ApplicationId, v.IssuingState, v.Type, VisaCategories.Default.Find(v.IssuingState, v.Type)?.Kind,
            v.Entries, v.ValidFrom, v.ValidUntil, v.DurationDays, v.IssuedOn, standing.Status, standing.EntriesUsed, standing.EntriesAllowed,
            v.EndedOn, v.EndReason, v.Status == VisaStatus.Valid ? null : v.Status.ToString().ToLowerInvariant());
    }
}
