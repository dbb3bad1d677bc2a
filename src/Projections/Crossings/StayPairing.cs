using Ledger.Projections.StayRules;

namespace Ledger.Projections.Crossings;

/// <summary>
/// Turns crossings into stays. Crossings are grouped by area (the regime a country belonged to on the crossing's
/// day, or the country itself outside every regime): entering France and leaving from Germany is one Schengen stay.
/// Within an area crossings must alternate entry, exit, entry, ... in date order.
/// </summary>
public static class StayPairing
{
    public static string AreaOf(string country, DateOnly day, RuleSet rules) =>
        rules.Regimes.FirstOrDefault(r => r.IsMemberOn(country, day))?.Id ?? country;

    /// <summary>Pairs each entry with the next exit in the same area; a last entry without exit is an open stay.</summary>
    public static IReadOnlyList<Stay> Stays(IEnumerable<Crossing> crossings, RuleSet rules)
    {
        var stays = new List<Stay>();
        foreach (var area in crossings.GroupBy(c => AreaOf(c.Country, c.Date, rules)))
        {
            Crossing? open = null;
            foreach (var c in area.Order(Crossing.ByWhenItHappened))
            {
                if (c.Direction == Direction.Entry) { open ??= c; continue; }
                if (open is null) continue; // validated away on write; tolerated on read
                stays.Add(new Stay(open.Date, c.Date, open.Country));
                open = null;
            }
            if (open is not null) stays.Add(new Stay(open.Date, null, open.Country));
        }
        return stays.OrderBy(s => s.Entry).ToList();
    }

    /// <summary>
    /// Would the history stay possible with <paramref name="added"/> (one crossing, or a late batch such as an exit
    /// and re-entry found together) added to <paramref name="existing"/>? Returns the first problem that involves an
    /// added crossing: the crossing it conflicts with (null when there is none to name) and why; null when possible.
    /// Impossible: two entries in the same area with no exit between them, or an exit with no entry before it.
    /// Problems among existing crossings alone are not the newcomer's fault and are not reported here.
    /// </summary>
    public static (Crossing? Conflicting, string Reason)? Conflict(IReadOnlyList<Crossing> existing, IReadOnlyList<Crossing> added, RuleSet rules)
    {
        var isAdded = added.ToHashSet();
        var all = existing.Concat(added).ToList();
        foreach (var area in all.GroupBy(c => AreaOf(c.Country, c.Date, rules)))
        {
            Crossing? previous = null;
            foreach (var c in area.Order(Crossing.ByWhenItHappened))
            {
                var involvesAdded = isAdded.Contains(c) || (previous is not null && isAdded.Contains(previous));
                if (c.Direction == Direction.Exit && previous is null && isAdded.Contains(c))
                    return (null, $"exit '{c.CrossingId}' on {c.Date:yyyy-MM-dd} has no entry into {area.Key} before it");
                if (c.Direction == Direction.Exit && previous?.Direction == Direction.Exit && involvesAdded)
                    return (Other(c, previous), $"exit '{c.CrossingId}' on {c.Date:yyyy-MM-dd} follows exit '{previous.CrossingId}' on {previous.Date:yyyy-MM-dd} with no entry into {area.Key} between them");
                if (c.Direction == Direction.Entry && previous?.Direction == Direction.Entry && involvesAdded)
                    return (Other(c, previous), $"entry '{c.CrossingId}' on {c.Date:yyyy-MM-dd} follows entry '{previous.CrossingId}' on {previous.Date:yyyy-MM-dd} into {area.Key} with no exit between them");
                previous = c;
            }
        }
        return null;

        // Name the other crossing of the pair: the one already recorded when the other is new.
        Crossing Other(Crossing current, Crossing previous) => isAdded.Contains(current) ? previous : current;
    }
}
