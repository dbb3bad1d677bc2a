using Ledger.Projections.StayRules;

namespace Ledger.Projections.Crossings;

/// <summary>
/// A traveller's crossings as they now stand (after voids and corrections), plus every crossing as first recorded
/// (idempotency compares resends against those). Immutable; shared by the write model and the read models.
/// </summary>
public sealed record CrossingLog(IReadOnlyList<Crossing> Current, IReadOnlyList<Crossing> AsFirstRecorded)
{
    public static readonly CrossingLog Empty = new([], []);

    public Crossing? FirstRecorded(string crossingId) => AsFirstRecorded.FirstOrDefault(c => c.CrossingId == crossingId);

    public Crossing? Find(string crossingId) => Current.FirstOrDefault(c => c.CrossingId == crossingId);

    public CrossingLog Record(ICrossingRecorded e)
    {
        var crossing = Crossing.From(e, AsFirstRecorded.Count);
        return new CrossingLog([.. Current, crossing], [.. AsFirstRecorded, crossing]);
    }

    public CrossingLog Void(CrossingVoided e) => this with { Current = Current.Where(c => c.CrossingId != e.CrossingId).ToList() };

    public CrossingLog Correct(CrossingCorrected e) => this with
    {
        Current = Current.Select(c => c.CrossingId != e.CrossingId ? c : c with
        {
            Direction = e.Direction, Country = e.Country, Date = e.Date, Time = e.Time, TimeZone = e.TimeZone,
            BorderPoint = e.BorderPoint, Source = e.Source,
        }).ToList(),
    };

    public IReadOnlyList<Stay> Stays(RuleSet rules) => StayPairing.Stays(Current, rules);
}
