namespace Ledger.Projections.StayRules;

/// <summary>
/// The days a traveller counts as present under one regime, as sorted, disjoint, non-adjacent day ranges with
/// running totals. Built once per history (O(n log n)); every count is then two binary searches, so the cost of a
/// query grows with log(stays), not with the length of the history.
/// </summary>
public sealed class PresenceTimeline
{
    private readonly int[] _firsts;
    private readonly int[] _lasts;
    private readonly int[] _daysBefore; // _daysBefore[i] = presence days in ranges 0..i-1

    public IReadOnlyList<DayRange> Ranges { get; }

    public PresenceTimeline(IEnumerable<DayRange> ranges)
    {
        var merged = new List<DayRange>();
        foreach (var r in ranges.OrderBy(r => r.First))
        {
            // Overlapping or touching ranges become one: a day is counted once however many stays cover it.
            if (merged.Count > 0 && r.First <= merged[^1].Last + 1)
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, r.Last) };
            else
                merged.Add(r);
        }
        Ranges = merged;
        _firsts = merged.Select(r => r.First).ToArray();
        _lasts = merged.Select(r => r.Last).ToArray();
        _daysBefore = new int[merged.Count + 1];
        for (var i = 0; i < merged.Count; i++) _daysBefore[i + 1] = _daysBefore[i] + merged[i].Length;
    }

    /// <summary>Presence days on or before <paramref name="day"/>.</summary>
    public int DaysUpTo(int day)
    {
        var i = LastRangeStartingOnOrBefore(day);
        if (i < 0) return 0;
        return _daysBefore[i] + Math.Min(day, _lasts[i]) - _firsts[i] + 1;
    }

    /// <summary>Presence days in [first, last], both inclusive.</summary>
    public int DaysIn(int first, int last) => last < first ? 0 : DaysUpTo(last) - DaysUpTo(first - 1);

    public bool IsPresent(int day)
    {
        var i = LastRangeStartingOnOrBefore(day);
        return i >= 0 && day <= _lasts[i];
    }

    private int LastRangeStartingOnOrBefore(int day)
    {
        var i = Array.BinarySearch(_firsts, day);
        return i >= 0 ? i : ~i - 1;
    }
}
