namespace Ledger.Projections.StayRules;

/// <summary>A question the engine refuses to answer rather than answer wrongly (bad input, a date outside the rule's time).</summary>
public sealed class StayRuleException(string message) : Exception(message);
