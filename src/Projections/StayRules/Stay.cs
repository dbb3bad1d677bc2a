namespace Ledger.Projections.StayRules;

/// <summary>
/// A period of presence in one area: entry day and exit day both count (calendar days, inclusive).
/// A null exit means the traveller is still inside. Country is ISO 3166-1 alpha-2 of the entry.
/// <see cref="AdmittedUntil"/>: the last day an officer allowed on entry (Canada's date stamp), when the entry gave one.
/// </summary>
public sealed record Stay(DateOnly Entry, DateOnly? Exit, string Country, DateOnly? AdmittedUntil = null);

/// <summary>A residence permit or long-stay (D) visa: days spent in that country from First to Last (inclusive) do not count.</summary>
public sealed record Permit(string Country, DateOnly First, DateOnly Last);

/// <summary>
/// What the engine needs to know about a traveller: where they certainly were (stays), where the records leave it
/// open (uncertain days), what permits they held, who they are.
/// </summary>
public sealed record TravelHistory(
    IReadOnlyList<Stay> Stays,
    IReadOnlyList<Permit>? Permits = null,
    IReadOnlyList<string>? Nationalities = null,
    IReadOnlyList<UncertainDays>? Uncertain = null)
{
    public IReadOnlyList<Permit> PermitsOrEmpty => Permits ?? [];
    public IReadOnlyList<UncertainDays> UncertainOrEmpty => Uncertain ?? [];
    public IReadOnlyList<string> NationalitiesOrEmpty => Nationalities ?? [];
}

/// <summary>
/// Days First..Last (inclusive) on which the records cannot say whether the traveller was present in the area of
/// <see cref="Country"/>: left by the anomaly <see cref="AnomalyId"/> and not settled by evidence or a decision.
/// Counted like presence in <c>daysUsedIfPresent</c>, never in <c>daysUsed</c>.
/// </summary>
public sealed record UncertainDays(string AnomalyId, string Country, DateOnly First, DateOnly Last);
