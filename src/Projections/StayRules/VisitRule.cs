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
        _byCountry[country].Any(m => m.From <= day && (m.To is null || day <= m.To));

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
/// Who needs a visa for an area (a regime id or a country code): everyone not exempt from the area's rules
/// and not a national of a state listed in <see cref="VisaFree"/> on the day (or, when
/// <see cref="RequiredOnlyFor"/> is given, only nationals of the states listed there).
/// </summary>
public sealed record VisaRequirement(string Area, string Name, DateOnly From, string Source, IReadOnlyList<VisaFreeEntry> VisaFree)
{
    public bool IsVisaFree(IEnumerable<string> nationalities, DateOnly day) =>
        nationalities.Any(n => VisaFree.Any(v => v.Country == n && v.From <= day && (v.To is null || day <= v.To)));
}

/// <summary>A state whose nationals need no visa for the area from <see cref="From"/> (the list's start when not dated) to <see cref="To"/>.</summary>
public sealed record VisaFreeEntry(string Country, DateOnly From, DateOnly? To, string Source);
