namespace Ledger.Projections.StayRules;

/// <summary>
/// Each rolling regime's timelines for one travel history and control date, prepared on first use and then shared:
/// a write asks several questions of the same history (overstay incidents, warnings due, records-incomplete warnings,
/// withdrawals), and preparing is the costly part (O(stays) per regime; every answer after it is O(log stays)).
/// Not thread-safe; one per write.
/// </summary>
public sealed class PreparedRegimes(TravelHistory history, DateOnly today)
{
    private readonly Dictionary<string, PreparedHistory> _byRegime = new(StringComparer.Ordinal);

    public TravelHistory History => history;
    public DateOnly Today => today;

    /// <summary>The regime's history prepared with open stays present up to <see cref="Today"/>.</summary>
    public PreparedHistory For(Regime regime)
    {
        if (!_byRegime.TryGetValue(regime.Id, out var prepared))
            _byRegime[regime.Id] = prepared = new StayRuleEngine(regime).Prepare(Touches(regime) ? history : history with { Stays = [], Uncertain = [] }, today);
        return prepared;
    }

    private HashSet<string>? _countries;

    /// <summary>
    /// Some stay or uncertain period of the history is in a country that was ever a member: most regimes in the rule
    /// set (Türkiye, Cyprus, ...) are never touched by a given traveller, and their timelines are then known empty
    /// without a pass over the stays.
    /// </summary>
    private bool Touches(Regime regime)
    {
        _countries ??= [.. history.Stays.Select(s => s.Country), .. history.UncertainOrEmpty.Select(u => u.Country)];
        foreach (var country in _countries)
            if (regime.MembershipsOf(country).Any()) return true;
        return false;
    }
}
