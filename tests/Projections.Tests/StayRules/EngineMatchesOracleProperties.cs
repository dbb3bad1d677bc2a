using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>Random histories (overlaps, same-day stays, open stays, membership changes, permits) against the naive oracle.</summary>
public class EngineMatchesOracleProperties
{
    private static readonly DateOnly Origin = new(2022, 6, 1);
    private static readonly string[] Countries = ["FR", "HR", "BG", "IE", "DE", "TR"];
    private static readonly StayRuleEngine Engine = new(RuleSet.Default.Get("schengen"));

    public record Sample(TravelHistory History, DateOnly On);

    private static Gen<Stay> StayGen =>
        from start in Gen.Choose(0, 900)
        from length in Gen.Frequency((3, Gen.Choose(0, 15)), (2, Gen.Choose(16, 120)))
        from country in Gen.Elements(Countries)
        from open in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Stay(Origin.AddDays(start), open ? null : Origin.AddDays(start + length), country);

    private static Gen<Permit> PermitGen =>
        from start in Gen.Choose(0, 900)
        from length in Gen.Choose(0, 60)
        from country in Gen.Elements(Countries)
        select new Permit(country, Origin.AddDays(start), Origin.AddDays(start + length));

    private static Arbitrary<Sample> Samples =>
        (from stays in Gen.ListOf(StayGen).Select(s => s.Take(25).ToList())
         from permits in Gen.ListOf(PermitGen).Select(p => p.Take(2).ToList())
         from control in Gen.Choose(500, 1000)
         select new Sample(new TravelHistory(stays, permits), Origin.AddDays(control))).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Days_used_and_stay_until_match_the_oracle() =>
        Prop.ForAll(Samples, s =>
        {
            var check = Engine.Check(s.History, s.On);
            return check.DaysUsed == Oracle.DaysUsed(s.History, s.On)
                && check.StayUntil == Oracle.StayUntil(s.History, s.On);
        });

    [Property(MaxTest = 150)]
    public Property Violations_cover_exactly_the_unlawful_days() =>
        Prop.ForAll(Samples, s =>
        {
            var fromEngine = Engine.Check(s.History, s.On).Violations
                .SelectMany(v => Enumerable.Range(0, v.Days).Select(i => v.From.AddDays(i))).ToList();
            return fromEngine.SequenceEqual(Oracle.UnlawfulDays(s.History, s.On));
        });

    [Property(MaxTest = 60)]
    public Property Earliest_entry_matches_the_oracle() =>
        Prop.ForAll(Samples, Gen.Choose(1, 90).ToArbitrary(), (s, days) =>
            Engine.Earliest(s.History, days, s.On).EarliestEntryDate == Oracle.Earliest(s.History, days, s.On));
}
