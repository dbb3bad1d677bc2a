using Ledger.Projections.Permits;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Sharing;

/// <summary>What a holder does with records dated before the day the traveller became one of its own people.</summary>
public enum RecordsBeforeGrant { Withheld, Shared }

/// <summary>
/// The states of which a traveller is, on a day, a citizen or permanent resident, and since when: a nationality (always:
/// the ledger holds no date of naturalisation), a permanent-residence permit, or a visa or permit whose category counts
/// as permanent residence or is citizenship (visa-categories.json), from its <c>validFrom</c>, while it is valid and
/// neither revoked (from the revocation date) nor annulled. Derived on read, like everything the sharing view shows.
/// </summary>
public sealed class OwnPeople
{
    private readonly IReadOnlyDictionary<string, DateOnly> _since;

    public OwnPeople(IReadOnlyDictionary<string, DateOnly> since) => _since = since;

    public static readonly OwnPeople None = new(new Dictionary<string, DateOnly>());

    /// <summary>The day since which the traveller is one of <paramref name="state"/>'s own people, or null when not (on the day asked).</summary>
    public DateOnly? Since(string state) => _since.TryGetValue(state, out var d) ? d : null;

    /// <summary>
    /// Whether <paramref name="holder"/> withholds a record dated <paramref name="recordDate"/> as a record of its own
    /// people: always from the grant day on; before it (or with no date) as the arrangement's data says.
    /// </summary>
    public bool Withholds(string holder, DateOnly? recordDate, RecordsBeforeGrant before) =>
        Since(holder) is { } since && (before == RecordsBeforeGrant.Withheld || (recordDate is { } d && d >= since));

    public static OwnPeople Of(Traveller traveller, DateOnly on, VisaCategories categories)
    {
        var since = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        void Grant(string state, DateOnly from)
        {
            if (!since.TryGetValue(state, out var known) || from < known) since[state] = from;
        }

        foreach (var nationality in traveller.Nationalities) Grant(nationality, DateOnly.MinValue);
        foreach (var p in traveller.Permits.Where(p => p.Kind == PermitKind.PermanentResidence && p.First <= on && on <= p.Last))
            Grant(p.Country, p.First);
        foreach (var v in traveller.Visas.Visas)
        {
            if (categories.Find(v.IssuingState, v.Type) is not { MakesOwnPerson: true }) continue;
            if (v.Status == VisaStatus.Annulled || (v.Status == VisaStatus.Revoked && v.EndedOn <= on)) continue;
            if (v.ValidFrom <= on && on <= v.ValidUntil) Grant(v.IssuingState, v.ValidFrom);
        }
        return new OwnPeople(since);
    }
}
