using Ledger.Projections.StayRules;

namespace Ledger.Projections.Crossings;

/// <summary>
/// Turns crossings into stays and anomalies. Crossings are grouped by area (the regime a country belonged to on the
/// crossing's day, or the country itself outside every regime): entering France and leaving from Germany is one
/// Schengen stay. The result depends only on the set of crossings, never on the order they arrived in.
///
/// Within an area, in date order (see <see cref="InOrder"/>), all days inclusive:
/// - records of the same direction from different sources, at most <c>sameCrossingWithinDays</c> apart with nothing
///   between them, are one crossing; the source precedence of the rule data picks the one that counts, and when
///   their dates differ a <c>conflictingRecords</c> anomaly shows the other;
/// - entry E then exit X: a stay [E, X];
/// - entry E1 then entry E2: <c>missingExit</c>; E1's day is present, [E1 + 1, E2 − 1] uncertain, E2 starts a stay;
/// - exit X with no entry since the previous exit P: <c>missingEntry</c>; [max(P + 1, X − (lookBack − 1)), X]
///   uncertain (lookBack days at most, X's own day included: an unpaired exit proves no stay);
/// - a last entry without exit: an open stay (present up to the control date, as before).
/// </summary>
public static class StayPairing
{
    public static string AreaOf(string country, DateOnly day, RuleSet rules) => rules.AreaOf(country, day);

    /// <summary>Stays only (certain presence); see <see cref="Pair"/> for the anomalies too.</summary>
    public static IReadOnlyList<Stay> Stays(IEnumerable<Crossing> crossings, RuleSet rules) => Pair(crossings, rules).Stays;

    public static Pairing Pair(IEnumerable<Crossing> crossings, RuleSet rules)
    {
        var stays = new List<Stay>();
        var anomalies = new List<Anomaly>();
        foreach (var area in crossings.GroupBy(c => AreaOf(c.Country, c.Date, rules)))
        {
            var records = rules.RecordsOf(area.Key);
            var counted = SameCrossings(area.Key, area, records, anomalies);
            Crossing? open = null, lastExit = null;
            foreach (var c in InOrder(counted))
            {
                if (c.Direction == Direction.Entry)
                {
                    if (open is not null)
                    {
                        stays.Add(new Stay(open.Date, open.Date, open.Country, open.AdmittedUntil));
                        anomalies.Add(Uncertain(AnomalyKind.MissingExit, area.Key, open.Country, [open.CrossingId, c.CrossingId],
                            open.Date.AddDays(1), c.Date.AddDays(-1)));
                    }
                    open = c;
                    continue;
                }
                if (open is not null)
                    stays.Add(new Stay(open.Date, c.Date, open.Country, open.AdmittedUntil));
                else
                {
                    // The exit's own day is uncertain too: unpaired, the record alone does not make a stay.
                    var lookBack = c.Date.AddDays(-(records.MissingEntryLookBackDays - 1));
                    var from = lastExit is not null && lastExit.Date.AddDays(1) > lookBack ? lastExit.Date.AddDays(1) : lookBack;
                    anomalies.Add(Uncertain(AnomalyKind.MissingEntry, area.Key, c.Country, [c.CrossingId], from, c.Date));
                }
                open = null;
                lastExit = c;
            }
            if (open is not null) stays.Add(new Stay(open.Date, null, open.Country, open.AdmittedUntil));
        }
        return new Pairing(stays.OrderBy(s => s.Entry).ToList(), anomalies.OrderBy(a => a.UncertainFrom ?? DateOnly.MinValue).ThenBy(a => a.AnomalyId, StringComparer.Ordinal).ToList());
    }

    private static Anomaly Uncertain(AnomalyKind kind, string area, string country, IReadOnlyList<string> crossingIds, DateOnly from, DateOnly to) =>
        new(IdOf(kind, crossingIds), kind, area, country, crossingIds, from <= to ? from : null, from <= to ? to : null);

    /// <summary>Stable: the kind and the ids of the crossings involved.</summary>
    public static string IdOf(AnomalyKind kind, IEnumerable<string> crossingIds) =>
        $"{char.ToLowerInvariant(kind.ToString()[0])}{kind.ToString()[1..]}:{string.Join("+", crossingIds)}";

    /// <summary>Date, then time (crossings without one last on their day), then id (ordinal).</summary>
    private static readonly Comparison<Crossing> ByDateTimeAndId = (a, b) =>
    {
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0) return byDate;
        var byTime = (a.Time ?? TimeOnly.MaxValue).CompareTo(b.Time ?? TimeOnly.MaxValue);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.CrossingId, b.CrossingId);
    };

    /// <summary>
    /// Collapses records of the same crossing into the one that counts (source precedence on the earliest date of the
    /// group); returns the crossings left, and adds a conflictingRecords anomaly where the dates differ.
    /// </summary>
    private static List<Crossing> SameCrossings(string area, IEnumerable<Crossing> crossings, RecordRules records, List<Anomaly> anomalies)
    {
        var sorted = crossings.ToList();
        sorted.Sort(ByDateTimeAndId); // a total order: crossing ids are unique per traveller
        var result = new List<Crossing>();
        var group = new List<Crossing>();
        foreach (var c in sorted)
        {
            if (group.Count > 0 && (c.Direction != group[0].Direction || group.Any(g => g.Source == c.Source) ||
                                    c.Date.DayNumber - group[0].Date.DayNumber > records.SameCrossingWithinDays))
                Flush();
            group.Add(c);
        }
        Flush();
        return result;

        void Flush()
        {
            if (group.Count == 0) return;
            if (group.Count == 1) { result.Add(group[0]); group.Clear(); return; }
            var precedence = records.PrecedenceOn(group[0].Date);
            var winner = group.OrderBy(g => precedence.RankOf(g.Source)).First();
            result.Add(winner);
            if (group.Any(g => g.Date != winner.Date))
            {
                var ids = group.Select(g => g.CrossingId).Order(StringComparer.Ordinal).ToList();
                anomalies.Add(new Anomaly(IdOf(AnomalyKind.ConflictingRecords, ids), AnomalyKind.ConflictingRecords, area, winner.Country,
                    ids, null, null, winner.CrossingId, precedence.Source, AnomalyStatus.DecidedByPrecedence));
            }
            group.Clear();
        }
    }

    /// <summary>
    /// Date order, independent of arrival. Crossings on the same day are ordered by time when all have one; otherwise
    /// so that they alternate from the state before the day (inside: exit first; outside: entry first), ties by id.
    /// </summary>
    private static IEnumerable<Crossing> InOrder(List<Crossing> crossings)
    {
        // The list comes from SameCrossings, sorted by date: each day's crossings are one run of it.
        var inside = false;
        for (var start = 0; start < crossings.Count;)
        {
            var end = start + 1;
            while (end < crossings.Count && crossings[end].Date == crossings[start].Date) end++;
            if (end - start == 1)
            {
                inside = crossings[start].Direction == Direction.Entry;
                yield return crossings[start];
                start = end;
                continue;
            }
            var day = crossings.GetRange(start, end - start);
            IEnumerable<Crossing> ordered = day.All(c => c.Time is not null) && day.Select(c => c.Time).Distinct().Count() == day.Count
                ? day.OrderBy(c => c.Time)
                : Alternating(day.OrderBy(c => c.CrossingId, StringComparer.Ordinal).ToList(), inside);
            foreach (var c in ordered)
            {
                inside = c.Direction == Direction.Entry;
                yield return c;
            }
            start = end;
        }
    }

    private static IEnumerable<Crossing> Alternating(List<Crossing> remaining, bool inside)
    {
        while (remaining.Count > 0)
        {
            var want = inside ? Direction.Exit : Direction.Entry;
            var next = remaining.FirstOrDefault(c => c.Direction == want) ?? remaining[0];
            remaining.Remove(next);
            inside = next.Direction == Direction.Entry;
            yield return next;
        }
    }
}
