using Ledger.Projections.Crossings;

namespace Ledger.Projections.StayRules;

/// <summary>Which source's record counts when records of the same crossing disagree, for crossings dated From..To (inclusive; null: unbounded).</summary>
public sealed record SourcePrecedence(DateOnly? From, DateOnly? To, IReadOnlyList<CrossingSource> Order, string Source)
{
    public bool Covers(DateOnly day) => (From is null || From <= day) && (To is null || day <= To);

    /// <summary>Lower is stronger.</summary>
    public int RankOf(CrossingSource source)
    {
        for (var i = 0; i < Order.Count; i++) if (Order[i] == source) return i;
        return Order.Count;
    }
}

/// <summary>
/// How incomplete or contradictory records of one area are read (rulesets.json, <c>records</c>):
/// an exit with no known entry leaves at most <see cref="MissingEntryLookBackDays"/> days before it uncertain;
/// records of the same direction from different sources at most <see cref="SameCrossingWithinDays"/> days apart,
/// with no crossing between them, are the same crossing; <see cref="Precedence"/> says which one counts.
/// </summary>
public sealed record RecordRules(
    int MissingEntryLookBackDays, string LookBackSource, int SameCrossingWithinDays, string SameCrossingSource,
    IReadOnlyList<SourcePrecedence> Precedence)
{
    public SourcePrecedence PrecedenceOn(DateOnly day) => Precedence.First(p => p.Covers(day)); // validated: periods cover every day
}
