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
    /// Builds the presence timeline once; queries on the result cost O(log stays) (check) or
    /// O(limit · log stays) (stayUntil, plan). A stay without exit is taken to last until
    /// <paramref name="openUntil"/>; presence after <paramref name="knownUntil"/> (default: openUntil) is ignored.
    /// </summary>
    public PreparedHistory Prepare(TravelHistory history, DateOnly openUntil, DateOnly? knownUntil = null)
    {
        var exempt = regime.Exempts(history.NationalitiesOrEmpty);
        var ranges = exempt ? [] : CountedRanges(history, openUntil.DayNumber, (knownUntil ?? openUntil).DayNumber);
        return new PreparedHistory(regime, new PresenceTimeline(ranges), exempt);
    }

    private IEnumerable<DayRange> CountedRanges(TravelHistory history, int openUntil, int knownUntil)
    {
        foreach (var stay in history.Stays)
        {
            if (stay.Exit is { } exit && exit < stay.Entry)
                throw new StayRuleException($"stay entered {stay.Entry:yyyy-MM-dd} has its exit {exit:yyyy-MM-dd} before its entry");

            var last = Math.Min(stay.Exit?.DayNumber ?? openUntil, knownUntil);
            if (last < stay.Entry.DayNumber) continue;
            var presence = new DayRange(stay.Entry.DayNumber, last);

            var permits = history.PermitsOrEmpty.Where(p => p.Country == stay.Country).ToList();
            foreach (var membership in regime.MembershipsOf(stay.Country))
            {
                if (presence.Intersect(membership.Days) is not { } inside) continue;
                IEnumerable<DayRange> pieces = [inside];
                foreach (var permit in permits)
                    pieces = pieces.SelectMany(p => p.Minus(DayRange.Of(permit.First, permit.Last))).ToList();
                foreach (var piece in pieces) yield return piece;
            }
        }
    }
}
