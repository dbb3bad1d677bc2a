namespace Ledger.Projections.StayRules;

/// <summary>An inclusive range of calendar days, as <see cref="DateOnly.DayNumber"/>s.</summary>
public readonly record struct DayRange(int First, int Last)
{
    public int Length => Last - First + 1;

    public bool Contains(int day) => First <= day && day <= Last;

    public static DayRange Of(DateOnly first, DateOnly last) => new(first.DayNumber, last.DayNumber);

    public DateOnly FirstDate => DateOnly.FromDayNumber(First);
    public DateOnly LastDate => DateOnly.FromDayNumber(Last);

    public DayRange? Intersect(DayRange other)
    {
        var first = Math.Max(First, other.First);
        var last = Math.Min(Last, other.Last);
        return first <= last ? new DayRange(first, last) : null;
    }

    /// <summary>This range minus <paramref name="hole"/>: zero, one or two pieces.</summary>
    public IEnumerable<DayRange> Minus(DayRange hole)
    {
        if (hole.Last < First || hole.First > Last) { yield return this; yield break; }
        if (hole.First > First) yield return new DayRange(First, hole.First - 1);
        if (hole.Last < Last) yield return new DayRange(hole.Last + 1, Last);
    }
}
