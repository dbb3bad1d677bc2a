using Ledger.Projections.Permits;
using Ledger.Projections.Presence;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Presence;

/// <summary>
/// What the presence calculator is given from a traveller's record, for one goal: the stays in the goal's state as
/// they now stand (paired, settled by evidence, split by movements), its uncertain days, the first day of the starting
/// permission (a visa of a category the goal starts from, or a permanent-residence permit of the state; an annulled
/// visa never started it), and the days before it covered by a temporary permission of the state (for a half credit).
/// </summary>
public static class PresenceRecords
{
    public static PresenceRecord For(Traveller traveller, PresenceGoal goal, RuleSet rules)
    {
        var history = traveller.Records(rules).History;
        var state = goal.State;
        var starts = traveller.Visas.Visas
            .Where(v => v.IssuingState == state && v.Status != VisaStatus.Annulled && goal.StartsFrom.Any(c => string.Equals(c, v.Type, StringComparison.OrdinalIgnoreCase)))
            .Select(v => v.ValidFrom)
            .Concat(traveller.Permits.Where(p => p.Country == state && p.Kind == PermitKind.PermanentResidence).Select(p => p.First))
            .ToList();
        var temporary = traveller.Visas.Visas
            .Where(v => v.IssuingState == state && v.Status != VisaStatus.Annulled
                        && VisaCategories.Default.Find(state, v.Type) is { CountsAsPermanentResidence: false, Kind: not PermissionKind.Citizenship and not PermissionKind.PermanentResidence })
            .Select(v => new DateSpan(v.ValidFrom, v.Status == VisaStatus.Revoked && v.EndedOn is { } ended && ended <= v.ValidUntil ? ended.AddDays(-1) : v.ValidUntil))
            .Concat(traveller.Permits.Where(p => p.Country == state && p.Kind != PermitKind.PermanentResidence).Select(p => new DateSpan(p.First, p.Last)))
            .Where(s => s.Last >= s.First)
            .ToList();
        return new PresenceRecord(
            history.Stays.Where(s => s.Country == state).Select(s => (s.Entry, s.Exit)).ToList(),
            history.UncertainOrEmpty.Where(u => u.Country == state).Select(u => new DateSpan(u.First, u.Last)).ToList(),
            starts.Count == 0 ? null : starts.Min(),
            temporary);
    }

    /// <summary>The goals whose starting permission the traveller holds on <paramref name="day"/> (the traveller page's "Residence and citizenship").</summary>
    public static IReadOnlyList<PresenceGoal> GoalsHeld(Traveller traveller, DateOnly day, RuleSet rules) =>
        PresenceGoals.Default.Goals.Where(g => For(traveller, g, rules).PermissionFrom is { } from && from <= day).ToList();

    /// <summary>
    /// The goals whose starting permission the traveller does not hold on <paramref name="day"/> but has applied for: a
    /// visa application of a category the goal starts from, made to its state and still pending on that day. The
    /// page shows these as what will count once the permission is granted.
    /// </summary>
    public static IReadOnlyList<(PresenceGoal Goal, VisaApplication Application)> GoalsAppliedFor(Traveller traveller, DateOnly day, RuleSet rules)
    {
        var held = GoalsHeld(traveller, day, rules).Select(g => g.Id).ToHashSet();
        return PresenceGoals.Default.Goals.Where(g => !held.Contains(g.Id))
            .Select(g => (Goal: g, Application: traveller.Visas.Applications
                .Where(a => a.State == g.State && a.Outcome == VisaApplication.Pending && a.Date <= day
                            && g.StartsFrom.Any(c => string.Equals(c, a.Type, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(a => a.Date).FirstOrDefault()))
            .Where(x => x.Application is not null)
            .Select(x => (x.Goal, x.Application!))
            .ToList();
    }
}
