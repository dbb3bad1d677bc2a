using Ledger.Access;
using Ledger.Projections.StayRules;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Stays;

/// <summary>The same fields as `stays earliest --json`. <see cref="UncertainCountedAsPresent"/>: uncertain days were assumed present.</summary>
public sealed record EarliestEntryView(string Regime, int Days, DateOnly From, DateOnly EarliestEntry, bool UncertainCountedAsPresent);

/// <summary>Trip planning on the recorded history, the same answers as `stays plan` and `stays earliest`.</summary>
public static class PlanningEndpoints
{
    /// <summary>For an entry on <paramref name="enter"/>: how many consecutive days (the entry day included) are lawful.</summary>
    [WolverineGet("/travellers/{id}/plan")]
    public static async Task<StayPlan> Plan(Guid id, string? enter, string? regime, IQuerySession session, RuleSet rules, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var day = Parse.Date(enter, "enter");
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        return new StayRuleEngine(rules.Get(regime ?? "schengen")).Plan(traveller.ToTravelHistory(rules), day);
    }

    /// <summary>The first date on or after <paramref name="from"/> from which a stay of <paramref name="days"/> days is lawful.</summary>
    [WolverineGet("/travellers/{id}/earliest")]
    public static async Task<EarliestEntryView> Earliest(Guid id, string? days, string? from, string? regime, IQuerySession session, RuleSet rules, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        if (!int.TryParse(days, out var length)) throw LedgerProblem.BadRequest($"days '{days}' is not a whole number");
        var start = Parse.Date(from, "from");
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var e = new StayRuleEngine(rules.Get(regime ?? "schengen")).Earliest(traveller.ToTravelHistory(rules), length, start);
        return new EarliestEntryView(e.Regime, e.Days, e.From, e.EarliestEntryDate, e.UncertainCountedAsPresent);
    }
}
