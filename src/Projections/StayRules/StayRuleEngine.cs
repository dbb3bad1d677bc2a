namespace Ledger.Projections.StayRules;

/// <summary>
/// The rolling-window rule of one regime, applied to a traveller's history. Pure: no I/O, no clock.
///
/// Bounds, all calendar days and all inclusive:
/// - a stay counts its entry day and its exit day; a day covered by several stays counts once;
/// - the window for control date D is [D - (WindowDays - 1), D], i.e. D and the 179 days before it for Schengen;
/// - a day is unlawful when the window ending on it holds more than LimitDays days of presence;
/// - a day counts only if the country of the stay was a member that day and no permit of that country covers it.
/// </summary>
public sealed class StayRuleEngine(Regime regime)
{
    public Regime Regime => regime;

    public StayCheck Check(TravelHistory history, DateOnly on) => Prepare(history, on).Check(on);

    /// <summary>Planning assumes recorded presence up to the day before <paramref name="enter"/> (open stays included).</summary>
    public StayPlan Plan(TravelHistory history, DateOnly enter) => Prepare(history, enter.AddDays(-1)).Plan(enter);

    /// <summary>
    /// Every recorded stay counts (also those after <paramref name="from"/>); a stay without exit is taken to
    /// end the day before <paramref name="from"/>.
    /// </summary>
    public EarliestEntry Earliest(TravelHistory history, int days, DateOnly from) =>
        Prepare(history, from.AddDays(-1), knownUntil: DateOnly.MaxValue).Earliest(days, from);

    /// <summary>
    /// Builds the presence timelines once; queries on the result cost O(log stays) (check) or
    /// O(limit · log stays) (stayUntil, plan). A stay without exit is taken to last until
    /// <paramref name="openUntil"/>; presence after <paramref name="knownUntil"/> (default: openUntil) is ignored.
    /// Uncertain days count in the upper timeline only; with none, both timelines are the same object.
    /// </summary>
    public PreparedHistory Prepare(TravelHistory history, DateOnly openUntil, DateOnly? knownUntil = null)
    {
        var exempt = regime.DoesNotApplyTo(history.NationalitiesOrEmpty);
        var known = (knownUntil ?? openUntil).DayNumber;
        var present = new List<DayRange>();
        if (!exempt)
            foreach (var stay in history.Stays)
            {
                if (stay.Exit is { } exit && exit < stay.Entry)
                    throw new StayRuleException($"stay entered {stay.Entry:yyyy-MM-dd} has its exit {exit:yyyy-MM-dd} before its entry");
                AddCounted(present, history, stay.Country, stay.Entry.DayNumber, Math.Min(stay.Exit?.DayNumber ?? openUntil.DayNumber, known));
            }
        var lower = new PresenceTimeline(present);
        var uncertain = new List<(DayRange Days, string AnomalyId)>();
        if (!exempt)
            foreach (var u in history.UncertainOrEmpty)
            {
                var pieces = new List<DayRange>();
                AddCounted(pieces, history, u.Country, u.First.DayNumber, Math.Min(u.Last.DayNumber, known));
                uncertain.AddRange(pieces.Select(p => (p, u.AnomalyId)));
            }
        var upper = uncertain.Count == 0 ? lower : new PresenceTimeline(present.Concat(uncertain.Select(u => u.Days)));
        return new PreparedHistory(regime, lower, upper, uncertain, exempt);
    }

    /// <summary>Days first..last (inclusive) in <paramref name="country"/> that count: while it was a member, not under a permit of it.</summary>
    private void AddCounted(List<DayRange> into, TravelHistory history, string country, int first, int last)
    {
        if (last < first) return;
        var presence = new DayRange(first, last);
        List<Permit>? permits = null;
        foreach (var membership in regime.MembershipsOf(country))
        {
            if (presence.Intersect(membership.Days) is not { } inside) continue;
            // Most histories hold no permit: no filtering and no piece lists for them.
            if (history.PermitsOrEmpty.Count == 0) { into.Add(inside); continue; }
            permits ??= history.PermitsOrEmpty.Where(p => p.Country == country).ToList();
            IEnumerable<DayRange> pieces = [inside];
            foreach (var permit in permits)
                pieces = pieces.SelectMany(p => p.Minus(DayRange.Of(permit.First, permit.Last))).ToList();
            into.AddRange(pieces);
        }
    }
}
