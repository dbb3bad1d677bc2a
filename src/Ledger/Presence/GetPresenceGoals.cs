using Ledger.Access;
using Ledger.Projections.Presence;
using Wolverine.Http;

namespace Ledger.Presence;

/// <summary><c>GET /presence-goals</c>: the presence goals with their parts, counting convention and citations, for any authenticated principal.</summary>
public static class GetPresenceGoalsEndpoint
{
    public sealed record PeriodView(int? Years, int? Months, PeriodEnd Ends);

    public sealed record PartView(
        string Id, string Description, PresenceUnit Unit, int Limit, PeriodView Period, int? AnyWindowMonths, bool FromPermission, bool Potential,
        int? PrePermissionHalfCreditCap, string? PrePermissionHalfCreditSource, string Source);

    public sealed record GoalView(
        string Id, string Name, string State, IReadOnlyList<string> StartsFrom, GoalKind Kind, int? PermissionHeldForYears, int? PermissionHeldForMonths,
        TravelDayCount TravelDays, string TravelDaysSource, IReadOnlyList<PartView> Parts, string Citation);

    public sealed record GoalsView(string Version, IReadOnlyList<GoalView> Goals);

    [WolverineGet("/presence-goals")]
    public static GoalsView Get(HttpContext http)
    {
        _ = Caller.Of(http);
        var all = PresenceGoals.Default;
        return new GoalsView(all.Version, all.Goals.Select(g => new GoalView(g.Id, g.Name, g.State, g.StartsFrom, g.Kind, g.PermissionHeldFor?.Years,
            g.PermissionHeldFor?.Months, g.TravelDays, g.TravelDaysSource,
            g.Parts.Select(p => new PartView(p.Id, p.Description, p.Unit, p.Limit, new PeriodView(p.Period.Years, p.Period.Months, p.Ends), p.AnyWindowMonths,
                p.FromPermission, p.Potential, p.PrePermissionHalfCredit?.Cap, p.PrePermissionHalfCredit?.Source, p.Source)).ToList(), g.Citation)).ToList());
    }
}
