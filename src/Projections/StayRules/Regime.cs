namespace Ledger.Projections.StayRules;

/// <summary>A country's membership of a regime, from its first day to its last (null: still a member).</summary>
public sealed record Membership(string Country, DateOnly From, DateOnly? To, string Source)
{
    public DayRange Days => new(From.DayNumber, (To ?? DateOnly.MaxValue).DayNumber);

    /// <summary>The country was a member on <paramref name="day"/> (both ends inclusive).</summary>
    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}

/// <summary>
/// A rolling short-stay rule: at most <see cref="LimitDays"/> days of presence in any window of
/// <see cref="WindowDays"/> days ending on a control date (both ends inclusive). Loaded from rulesets.json.
/// </summary>
public sealed record Regime(
    string Id,
    string Name,
    int WindowDays,
    int LimitDays,
    DateOnly RuleEffectiveFrom,
    string RuleSource,
    IReadOnlyList<Membership> Members,
    IReadOnlySet<string> ExemptNationalities)
{
    private readonly ILookup<string, Membership> _byCountry = Members.ToLookup(m => m.Country);

    /// <summary>Nationalities the rule is limited to (null: every nationality not exempt).</summary>
    public IReadOnlySet<string>? AppliesTo { get; init; }

    /// <summary>The last day the rule applied in this form (null: still in force).</summary>
    public DateOnly? RuleEffectiveTo { get; init; }

    /// <summary>Exempt, or not among the nationalities the rule is limited to: the rule does not count this traveller's days.</summary>
    public bool DoesNotApplyTo(IEnumerable<string> nationalities) =>
        Exempts(nationalities) || (AppliesTo is { } only && !nationalities.Any(only.Contains));

    /// <summary>How incomplete or contradictory crossing records of this regime's area are read.</summary>
    public RecordRules Records { get; init; } = null!;

    /// <summary>The periods during which <paramref name="country"/> was a member (empty when never).</summary>
    public IEnumerable<Membership> MembershipsOf(string country) => _byCountry[country];

    public bool IsMemberOn(string country, DateOnly day) =>
        _byCountry[country].Any(m => m.Covers(day));

    public bool Exempts(IEnumerable<string> nationalities) => nationalities.Any(ExemptNationalities.Contains);

    /// <summary>The last control date the engine answers for: its arithmetic looks a window and a stay beyond it.</summary>
    public static readonly DateOnly LatestControlDate = DateOnly.MaxValue.AddDays(-1000);

    /// <summary>Refuses control dates before the rule existed in this form, or too close to the end of the calendar.</summary>
    public void EnsureApplies(DateOnly controlDate, string what)
    {
        if (controlDate > LatestControlDate)
            throw new StayRuleException($"{what} {controlDate:yyyy-MM-dd} is beyond the last date the engine answers for ({LatestControlDate:yyyy-MM-dd})");
        if (controlDate < RuleEffectiveFrom)
            throw new StayRuleException(
                $"{what} {controlDate:yyyy-MM-dd} is before {RuleEffectiveFrom:yyyy-MM-dd}, when the {Name} rule " +
                $"({LimitDays} days in any {WindowDays}) took effect ({RuleSource}); earlier dates were governed by a different rule");
    }
}
