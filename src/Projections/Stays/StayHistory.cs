using Ledger.Projections.Crossings;
using Ledger.Projections.Permits;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Stays;

/// <summary>
/// Read model kept inline (same transaction as the events): the traveller's crossings, stays, permits and
/// nationalities, i.e. exactly what the stay-rule engine needs. Day counts are not stored because they move with the
/// calendar: the engine computes them for whatever date is asked.
/// </summary>
public sealed record StayHistory(
    Guid Id,
    IReadOnlyList<string> Nationalities,
    CrossingLog Crossings,
    IReadOnlyList<Stay> Stays,
    IReadOnlyList<Permit> Permits)
{
    public static StayHistory Create(TravellerRegistered e) => new(e.TravellerId, e.Nationalities, CrossingLog.Empty, [], []);

    public StayHistory Apply(EntryRecorded e) => WithCrossings(Crossings.Record(e));
    public StayHistory Apply(ExitRecorded e) => WithCrossings(Crossings.Record(e));
    public StayHistory Apply(CrossingVoided e) => WithCrossings(Crossings.Void(e));
    public StayHistory Apply(CrossingCorrected e) => WithCrossings(Crossings.Correct(e));
    public StayHistory Apply(PermitRecorded e) => this with { Permits = [.. Permits, new Permit(e.Country, e.First, e.Last)] };

    public StayHistory Apply(VisaIssued e) =>
        e.Type == VisaType.D ? this with { Permits = [.. Permits, new Permit(e.IssuingState, e.ValidFrom, e.ValidUntil)] } : this;

    private StayHistory WithCrossings(CrossingLog log) => this with { Crossings = log, Stays = log.Stays(RuleSet.Default) };

    public TravelHistory ToTravelHistory() => new(Stays, Permits, Nationalities);

    /// <summary>The one definition of "what counts", shared with the write model.</summary>
    public static TravelHistory TravelHistoryOf(
        CrossingLog crossings, IEnumerable<PermitRecorded> permits, VisaBook visas, IReadOnlyList<string> nationalities, RuleSet rules) =>
        new(crossings.Stays(rules),
            permits.Select(p => new Permit(p.Country, p.First, p.Last))
                .Concat(visas.Visas.Where(v => v.Type == VisaType.D).Select(v => new Permit(v.IssuingState, v.ValidFrom, v.ValidUntil)))
                .ToList(),
            nationalities);
}
