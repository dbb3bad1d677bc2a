namespace Ledger.Projections.StayRules;

/// <summary>How a rule counts: the kind named in rulesets.json.</summary>
public enum RuleKind { RollingWindow, PerVisit, PerVisitWithoutReset }

/// <summary>
/// A per-visit rule: at most <see cref="LimitDays"/> days (or <see cref="LimitMonths"/> calendar months) from each
/// entry into one of its countries, entry day included. <see cref="RuleKind.PerVisitWithoutReset"/>: a re-entry
/// after a trip only to <see cref="NoResetCountries"/>, within the period the first entry allowed, continues that
/// admission instead of starting a new one (US Visa Waiver Program, 8 CFR 217.3). Loaded from rulesets.json.
/// </summary>
public sealed record VisitRule(
    string Id,
    string Name,
    RuleKind Kind,
    int? LimitDays,
    int? LimitMonths,
    DateOnly RuleEffectiveFrom,
    DateOnly? RuleEffectiveTo,
    string RuleSource,
    IReadOnlyList<Membership> Members,
    IReadOnlySet<string> ExemptNationalities,
    IReadOnlySet<string>? AppliesTo,
    bool OfficerMaySetDate,
    IReadOnlySet<string> NoResetCountries)
{
    private readonly ILookup<string, Membership> _byCountry = Members.ToLookup(m => m.Country);

    public bool IsMemberOn(string country, DateOnly day) =>
        _byCountry[country].Any(m => m.Covers(day));

    public bool InForceOn(DateOnly day) => RuleEffectiveFrom <= day && (RuleEffectiveTo is null || day <= RuleEffectiveTo);

    /// <summary>Exempt, or not among the nationalities the rule is limited to.</summary>
    public bool DoesNotApplyTo(IEnumerable<string> nationalities) =>
        nationalities.Any(ExemptNationalities.Contains) || (AppliesTo is { } only && !nationalities.Any(only.Contains));

    /// <summary>The last lawful day of an admission on <paramref name="entry"/> when no officer set another date.</summary>
    public DateOnly DefaultLastDay(DateOnly entry) =>
        LimitMonths is { } months ? entry.AddMonths(months).AddDays(-1) : entry.AddDays(LimitDays!.Value - 1);

    /// <summary>The number of days an admission on <paramref name="entry"/> allows (entry day included).</summary>
    public int DaysAllowedFrom(DateOnly entry) => DefaultLastDay(entry).DayNumber - entry.DayNumber + 1;
}

/// <summary>
/// Who needs a visa for an area (a regime id or a country code), as one of two kinds of list, as the law writes it:
/// a visa-free list (<see cref="VisaFree"/>: everyone not exempt from the area's rules and not a national of a listed
/// state needs one; Schengen's Annex II, the VWP, Canada's IRPR s. 190) or a visa-national list
/// (<see cref="RequiredOnlyFor"/>: only nationals of the listed states need one; the UK's Appendix Visitor: Visa
/// national list). A traveller with several nationalities is visa-free when any of them is.
/// </summary>
public sealed record VisaRequirement(string Area, string Name, DateOnly From, string Source, IReadOnlyList<VisaFreeEntry> VisaFree)
{
    // Prebuilt per-country lookups: the itinerary check asks once per leg, the lists hold up to ~100 states.
    private readonly ILookup<string, VisaFreeEntry> _free = VisaFree.ToLookup(v => v.Country);
    private ILookup<string, VisaFreeEntry> _required = Array.Empty<VisaFreeEntry>().ToLookup(v => v.Country);
    private readonly IReadOnlyList<VisaFreeEntry> _requiredOnlyFor = [];

    /// <summary>The states whose nationals need a visa (a visa-national list); empty for a visa-free list.</summary>
    public IReadOnlyList<VisaFreeEntry> RequiredOnlyFor
    {
        get => _requiredOnlyFor;
        init { _requiredOnlyFor = value; _required = value.ToLookup(v => v.Country); }
    }

    /// <summary>Every listed state with its citation, whichever kind the list is.</summary>
    public IEnumerable<VisaFreeEntry> Entries => VisaFree.Concat(RequiredOnlyFor);

    public bool IsVisaFree(IEnumerable<string> nationalities, DateOnly day) =>
        RequiredOnlyFor.Count > 0
            ? nationalities.Any(n => !_required[n].Any(v => v.Covers(day)))
            : nationalities.Any(n => _free[n].Any(v => v.Covers(day)));
}

/// <summary>
/// A state listed for an area from <see cref="From"/> (the list's start when not dated) to <see cref="To"/>: on a
/// visa-free list its nationals need no visa, on a visa-national list they need one.
/// </summary>
public sealed record VisaFreeEntry(string Country, DateOnly From, DateOnly? To, string Source)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}
