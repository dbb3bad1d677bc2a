namespace Ledger.Projections.Crossings;

/// <summary>A crossing as the ledger holds it, in the order it arrived (<see cref="ArrivalOrder"/>).</summary>
public sealed record Crossing(
    string CrossingId, Direction Direction, string Country, DateOnly Date, TimeOnly? Time, string? TimeZone,
    string? BorderPoint, CrossingSource Source, int ArrivalOrder, DateOnly? AdmittedUntil = null)
{
    public static Crossing From(ICrossingRecorded e, int arrivalOrder) =>
        new(e.CrossingId, e.Direction, e.Country, e.Date, e.Time, e.TimeZone, e.BorderPoint, e.Source, arrivalOrder, e.AdmittedUntil);

    /// <summary>History is ordered by the crossing's own date and time, not by arrival; arrival breaks ties.</summary>
    public static readonly IComparer<Crossing> ByWhenItHappened = Comparer<Crossing>.Create((a, b) =>
    {
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0) return byDate;
        if (a.Time is { } ta && b.Time is { } tb && ta != tb) return ta.CompareTo(tb);
        return a.ArrivalOrder.CompareTo(b.ArrivalOrder);
    });

    /// <summary>The fields that must match for a resend of the same crossing id to count as the same crossing.</summary>
    public IEnumerable<string> DifferencesFrom(ICrossingRecorded other)
    {
        if (Direction != other.Direction) yield return $"direction ({Direction} vs {other.Direction})";
        if (Country != other.Country) yield return $"country ({Country} vs {other.Country})";
        if (Date != other.Date) yield return $"date ({Date:yyyy-MM-dd} vs {other.Date:yyyy-MM-dd})";
        if (Time != other.Time) yield return $"time ({Time} vs {other.Time})";
        if (TimeZone != other.TimeZone) yield return $"timeZone ({TimeZone} vs {other.TimeZone})";
        if (BorderPoint != other.BorderPoint) yield return $"borderPoint ({BorderPoint} vs {other.BorderPoint})";
        if (Source != other.Source) yield return $"source ({Source} vs {other.Source})";
        if (AdmittedUntil != other.AdmittedUntil) yield return $"admittedUntil ({AdmittedUntil:yyyy-MM-dd} vs {other.AdmittedUntil:yyyy-MM-dd})";
    }
}
