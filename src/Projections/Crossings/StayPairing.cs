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
    /// Would the history stay possible with <paramref name="candidate"/> added? Returns the crossing it conflicts
    /// with and why, or null. Impossible: two entries in the same area with no exit between them, or an exit with
    /// no entry before it.
    /// </summary>
    public static (Crossing Conflicting, string Reason)? Conflict(IReadOnlyList<Crossing> existing, Crossing candidate, RuleSet rules)
    {
        var area = AreaOf(candidate.Country, candidate.Date, rules);
        var sequence = existing.Where(c => AreaOf(c.Country, c.Date, rules) == area)
            .Append(candidate).Order(Crossing.ByWhenItHappened).ToList();
        Crossing? previous = null;
        foreach (var c in sequence)
        {
            if (c.Direction == Direction.Exit && previous?.Direction != Direction.Entry)
            {
                if (c == candidate)
                    return previous is null
                        ? (candidate, $"exit on {c.Date:yyyy-MM-dd} has no entry into {area} before it")
                        : (previous, $"exit on {c.Date:yyyy-MM-dd} follows exit '{previous.CrossingId}' on {previous.Date:yyyy-MM-dd} with no entry into {area} between them");
                if (previous == candidate)
                    return (c, $"exit '{c.CrossingId}' on {c.Date:yyyy-MM-dd} would follow this exit with no entry into {area} between them");
            }
            if (c.Direction == Direction.Entry && previous?.Direction == Direction.Entry && (c == candidate || previous == candidate))
            {
                var other = c == candidate ? previous : c;
                return (other, $"entry '{other.CrossingId}' on {other.Date:yyyy-MM-dd} into {area} has no exit between it and this entry");
            }
            previous = c;
        }
        return null;
    }
}
