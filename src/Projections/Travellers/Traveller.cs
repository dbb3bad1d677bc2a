using Ledger.Projections.Crossings;

namespace Ledger.Projections.Travellers;

/// <summary>
/// The write model of one traveller's stream: what a command needs to decide (nationalities, crossings so far).
/// Immutable: Marten builds a new instance per event; handlers never mutate it.
/// </summary>
public sealed record Traveller(Guid Id, IReadOnlyList<string> Nationalities, IReadOnlyList<Crossing> Crossings)
{
    public static Traveller Create(TravellerRegistered e) => new(e.TravellerId, e.Nationalities, []);

    public Traveller Apply(EntryRecorded e) => Add(e);
    public Traveller Apply(ExitRecorded e) => Add(e);

    private Traveller Add(ICrossingRecorded e) => this with { Crossings = [.. Crossings, Crossing.From(e, Crossings.Count)] };

    public Crossing? FindCrossing(string crossingId) => Crossings.FirstOrDefault(c => c.CrossingId == crossingId);
}
