using Ledger.Projections.StayRules;

namespace Ledger.Projections.Crossings;

/// <summary>
/// A traveller's crossings as they now stand (after voids and corrections), plus the original content of every
/// crossing that was voided or corrected (idempotency compares resends with what was first recorded). Keeping only
/// the replaced originals, not a second copy of every crossing, halves the snapshot for the common case.
/// Immutable; <see cref="Recorded"/> counts every crossing ever recorded and gives each its arrival order.
/// </summary>
public sealed record CrossingLog(IReadOnlyList<Crossing> Current, IReadOnlyList<Crossing> Replaced, int Recorded)
{
    public static readonly CrossingLog Empty = new([], [], 0);

    public Crossing? FirstRecorded(string crossingId) =>
        Replaced.FirstOrDefault(c => c.CrossingId == crossingId) ?? Find(crossingId);

    public Crossing? Find(string crossingId) => Current.FirstOrDefault(c => c.CrossingId == crossingId);

    public CrossingLog Record(ICrossingRecorded e) =>
        this with { Current = [.. Current, Crossing.From(e, Recorded)], Recorded = Recorded + 1 };

    public CrossingLog Void(CrossingVoided e) => this with
    {
        Current = Current.Where(c => c.CrossingId != e.CrossingId).ToList(),
        Replaced = KeepOriginal(e.CrossingId),
    };

    public CrossingLog Correct(CrossingCorrected e) => this with
    {
        Current = Current.Select(c => c.CrossingId != e.CrossingId ? c : c with
        {
            Direction = e.Direction, Country = e.Country, Date = e.Date, Time = e.Time, TimeZone = e.TimeZone,
            BorderPoint = e.BorderPoint, Source = e.Source,
        }).ToList(),
        Replaced = KeepOriginal(e.CrossingId),
    };

    /// <summary>The first time a crossing is replaced, its content as first recorded moves to <see cref="Replaced"/>.</summary>
    private IReadOnlyList<Crossing> KeepOriginal(string crossingId) =>
        Replaced.Any(c => c.CrossingId == crossingId) || Find(crossingId) is not { } original ? Replaced : [.. Replaced, original];

    public Pairing Pair(RuleSet rules) => StayPairing.Pair(Current, rules);
}
