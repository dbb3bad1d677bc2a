using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>
/// A deliberately naive day-by-day reading of the rule, written independently of the engine: a set of dates,
/// counted one by one. Slow and obviously right; the property tests compare the engine with it.
/// Three day states: present (a stay covers it), uncertain (only an uncertain span covers it), absent.
/// The lower figure counts present days, the upper one present and uncertain days; the future is judged on the upper.
/// </summary>
internal static class Oracle
{
    private static readonly Regime Regime = RuleSet.Default.Get("schengen");

    public static HashSet<DateOnly> PresentDays(TravelHistory history, DateOnly openUntil, DateOnly? knownUntil = null)
    {
        var days = new HashSet<DateOnly>();
        foreach (var stay in history.Stays)
            for (var d = stay.Entry; d <= (stay.Exit ?? openUntil) && d <= (knownUntil ?? openUntil); d = d.AddDays(1))
                if (Regime.IsMemberOn(stay.Country, d) &&
                    !history.PermitsOrEmpty.Any(p => p.Country == stay.Country && p.First <= d && d <= p.Last))
                    days.Add(d);
        return days;
    }

    /// <summary>Present or uncertain: the days the upper figure counts.</summary>
    public static HashSet<DateOnly> UpperDays(TravelHistory history, DateOnly openUntil, DateOnly? knownUntil = null)
    {
        var days = PresentDays(history, openUntil, knownUntil);
        foreach (var span in history.UncertainOrEmpty)
            for (var d = span.First; d <= span.Last && d <= (knownUntil ?? openUntil); d = d.AddDays(1))
                if (Regime.IsMemberOn(span.Country, d) &&
                    !history.PermitsOrEmpty.Any(p => p.Country == span.Country && p.First <= d && d <= p.Last))
                    days.Add(d);
        return days;
    }

    public static int DaysUsedIfPresent(TravelHistory history, DateOnly on) => DaysUsed(UpperDays(history, on), on);

    public static Determination Determination(TravelHistory history, DateOnly on) =>
        DaysUsedIfPresent(history, on) <= 90 ? Ledger.Projections.StayRules.Determination.Lawful
        : DaysUsed(history, on) > 90 ? Ledger.Projections.StayRules.Determination.Unlawful : Ledger.Projections.StayRules.Determination.Undetermined;

    /// <summary>Days (present or uncertain) whose window is over the limit on the upper figure but not on the lower.</summary>
    public static List<DateOnly> UndeterminedDays(TravelHistory history, DateOnly knownUntil)
    {
        var present = PresentDays(history, knownUntil);
        var upper = UpperDays(history, knownUntil);
        return upper.Where(d => d >= Regime.RuleEffectiveFrom && DaysUsed(upper, d) > 90 && DaysUsed(present, d) <= 90).Order().ToList();
    }

    public static int DaysUsed(HashSet<DateOnly> present, DateOnly on)
    {
        var count = 0;
        for (var d = on.AddDays(-179); d <= on; d = d.AddDays(1)) if (present.Contains(d)) count++;
        return count;
    }

    public static int DaysUsed(TravelHistory history, DateOnly on) => DaysUsed(PresentDays(history, on), on);

    public static DateOnly? StayUntil(TravelHistory history, DateOnly from) =>
        StayUntil(UpperDays(history, from.AddDays(-1)), from);

    /// <summary>Presence on the days before <paramref name="from"/>, then every day from it.</summary>
    private static DateOnly? StayUntil(HashSet<DateOnly> recorded, DateOnly from)
    {
        var present = recorded.Where(d => d < from).ToHashSet();
        DateOnly? last = null;
        for (var d = from; ; d = d.AddDays(1))
        {
            present.Add(d);
            if (DaysUsed(present, d) > 90) return last;
            last = d;
        }
    }

    public static DateOnly Earliest(TravelHistory history, int days, DateOnly from)
    {
        var recorded = UpperDays(history, from.AddDays(-1), DateOnly.MaxValue);
        for (var e = from; ; e = e.AddDays(1))
            if (StayUntil(recorded, e) is { } last && last.DayNumber - e.DayNumber + 1 >= days) return e;
    }

    public static List<DateOnly> UnlawfulDays(TravelHistory history, DateOnly knownUntil)
    {
        var present = PresentDays(history, knownUntil);
        return present.Where(d => d >= Regime.RuleEffectiveFrom && DaysUsed(present, d) > 90).Order().ToList();
    }
}
