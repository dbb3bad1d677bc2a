using Ledger.Access;
using Ledger.Projections.Presence;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Presence;

public sealed record PresenceView(
    Guid TravellerId, string Goal, string Name, string State, DateOnly On, DateTimeOffset? AsKnownAt, bool Met, PresenceDetermination Determination,
    PermissionAnswer Permission, IReadOnlyList<PartAnswer> Parts, DateOnly? EarliestDateMet, DateOnly? LatestReturnDate, bool PresentOn,
    string TravelDays, string Citation, string Version);

/// <summary>
/// <c>GET /travellers/{id}/presence?goal=GOAL&amp;on=DATE[&amp;asKnownAt=]</c>: a presence goal counted on the record
/// (<see cref="PresenceCalculator"/>); <c>on</c> is the application or examination date (default today UTC).
/// </summary>
public static class GetPresenceEndpoint
{
    [WolverineGet("/travellers/{id}/presence")]
    public static async Task<PresenceView> Get(
        Guid id, string? goal, string? on, string? asKnownAt, IQuerySession session, RuleSet rules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id, asKnownAt: !string.IsNullOrEmpty(asKnownAt));
        var g = PresenceGoals.Default.Find(goal) ?? throw LedgerProblem.BadRequest(string.IsNullOrEmpty(goal)
            ? $"goal is required: one of {string.Join(", ", PresenceGoals.Default.Goals.Select(x => x.Id))}"
            : $"'{Parse.Shown(goal)}' is not a presence goal: one of {string.Join(", ", PresenceGoals.Default.Goals.Select(x => x.Id))}");
        var day = Parse.OptionalDate(on, "on") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var knownAt = Parse.OptionalInstant(asKnownAt, "asKnownAt");
        var traveller = await TravellerReads.LoadAsync(session, id, knownAt, ct);
        return View(id, g, PresenceCalculator.Answer(g, PresenceRecords.For(traveller, g, rules), day), knownAt);
    }

    public static PresenceView View(Guid id, PresenceGoal g, PresenceAnswer a, DateTimeOffset? knownAt) => new(
        id, g.Id, g.Name, g.State, a.On, knownAt, a.Met, a.Determination, a.Permission, a.Parts, a.EarliestDateMet, a.LatestReturnDate, a.PresentOn,
        g.TravelDays == TravelDayCount.Present ? "the days of departure and return count as days present" : "the days of departure and return count as days absent",
        g.Citation, PresenceGoals.Default.Version);
}
