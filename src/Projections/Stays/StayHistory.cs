using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;

namespace Ledger.Projections.Stays;

/// <summary>
/// Read model kept inline (in the same transaction as the events): the traveller's stays, permits and nationalities,
/// i.e. exactly what the stay-rule engine needs. Day counts are not stored because they move with the calendar:
/// the engine computes them for whatever date is asked.
/// </summary>
public sealed record StayHistory(
    Guid Id,
    IReadOnlyList<string> Nationalities,
    IReadOnlyList<Crossing> Crossings,
    IReadOnlyList<Stay> Stays,
    long Version)
{
    public static StayHistory Create(TravellerRegistered e) => new(e.TravellerId, e.Nationalities, [], [], 1);

    public StayHistory Apply(EntryRecorded e) => Add(e);
    public StayHistory Apply(ExitRecorded e) => Add(e);

    private StayHistory Add(ICrossingRecorded e)
    {
        var crossings = Crossings.Append(Crossing.From(e, Crossings.Count)).ToList();
        return this with { Crossings = crossings, Stays = StayPairing.Stays(crossings, RuleSet.Default) };
    }

    public TravelHistory ToTravelHistory() => new(Stays, [], Nationalities);
}
