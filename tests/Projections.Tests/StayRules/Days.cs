using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>Short helpers so that test histories read like the examples in the rule's guidance.</summary>
internal static class Days
{
    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static Stay In(string country, string entry, string? exit) => new(D(entry), exit is null ? null : D(exit), country);

    public static TravelHistory History(params Stay[] stays) => new(stays);

    public static readonly StayRuleEngine Schengen = new(RuleSet.Default.Get("schengen"));
}
