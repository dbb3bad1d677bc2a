using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;

namespace Ledger.Projections.Warnings;

/// <summary>
/// One traveller judged on one day under one rule set: the rules, the records (travel history and anomalies), and what
/// every question of a write derives from them, computed once and shared (the per-visit and sub-area standings, each
/// rolling regime's prepared timeline). Built per traveller and day by whoever holds the rule set; never kept longer.
/// </summary>
public sealed class AssessmentContext
{
    private VisitAndSubAreaStandings? _standings;

    private AssessmentContext(Traveller traveller, TravellerRecords records, DateOnly today, RuleSet rules, PreparedRegimes regimes,
        VisitAndSubAreaStandings? standings)
    {
        (Traveller, Records, Today, Rules, Regimes, _standings) = (traveller, records, today, rules, regimes, standings);
    }

    public Traveller Traveller { get; }
    public TravellerRecords Records { get; }
    public TravelHistory History => Records.History;
    public DateOnly Today { get; }
    public RuleSet Rules { get; }

    /// <summary>Each rolling regime's timeline on <see cref="History"/>, prepared up to <see cref="Today"/> when first asked.</summary>
    public PreparedRegimes Regimes { get; }

    /// <summary>The per-visit rules and sub-area counts on <see cref="History"/>, derived when first asked.</summary>
    public VisitAndSubAreaStandings Standings => _standings ??= VisitAndSubAreaStandings.Of(Traveller, History, Today, Rules);

    public static AssessmentContext Of(Traveller traveller, DateOnly today, RuleSet rules)
    {
        var records = traveller.Records(rules);
        return new AssessmentContext(traveller, records, today, rules, new PreparedRegimes(records.History, today), null);
    }

    /// <summary>
    /// The same judgement after facts that do not change where the traveller was (the overstay incidents a write
    /// records): the history and everything derived from it stay valid.
    /// </summary>
    public AssessmentContext With(Traveller traveller) => new(traveller, Records, Today, Rules, Regimes, _standings);
}
