using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>
/// Random histories (overlaps, same-day stays, open stays, membership changes, permits, uncertain spans overlapping
/// all of these) against the naive oracle, which knows the three day states.
/// </summary>
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

    private static Gen<UncertainDays> UncertainGen =>
        from start in Gen.Choose(0, 900)
        from length in Gen.Frequency((3, Gen.Choose(0, 20)), (1, Gen.Choose(21, 90)))
        from country in Gen.Elements(Countries)
        from id in Gen.Elements("a", "b", "c")
        select new UncertainDays(id, country, Origin.AddDays(start), Origin.AddDays(start + length));

    private static Arbitrary<Sample> Samples =>
        (from stays in Gen.ListOf(StayGen).Select(s => s.Take(25).ToList())
         from permits in Gen.ListOf(PermitGen).Select(p => p.Take(2).ToList())
         from uncertain in Gen.Frequency((1, Gen.Constant(new List<UncertainDays>())), (2, Gen.ListOf(UncertainGen).Select(u => u.Take(4).ToList())))
         from control in Gen.Choose(500, 1000)
         select new Sample(new TravelHistory(stays, permits, Uncertain: uncertain), Origin.AddDays(control))).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Days_used_and_stay_until_match_the_oracle() =>
        Prop.ForAll(Samples, s =>
        {
            var check = Engine.Check(s.History, s.On);
            return check.DaysUsed == Oracle.DaysUsed(s.History, s.On)
                && check.StayUntil == Oracle.StayUntil(s.History, s.On);
        });

    [Property(MaxTest = 300)]
    public Property Both_figures_bound_each_other_and_the_determination_matches_the_oracle() =>
        Prop.ForAll(Samples, s =>
        {
            var check = Engine.Check(s.History, s.On);
            return check.DaysUsedIfPresent == Oracle.DaysUsedIfPresent(s.History, s.On)
                && check.DaysUsed <= check.DaysUsedIfPresent
                && check.Determination == Oracle.Determination(s.History, s.On)
                && (check.Determination == Determination.Undetermined) == (check.Anomalies!.Count > 0 && check.DaysUsed <= 90 && check.DaysUsedIfPresent > 90);
        });

    [Property(MaxTest = 100)]
    public Property Undetermined_periods_cover_exactly_the_undetermined_days() =>
        Prop.ForAll(Samples, s =>
        {
            var fromEngine = Engine.Check(s.History, s.On).UndeterminedPeriods!
                .SelectMany(v => Enumerable.Range(0, v.Days).Select(i => v.From.AddDays(i))).ToList();
            return fromEngine.SequenceEqual(Oracle.UndeterminedDays(s.History, s.On));
        });

    [Property(MaxTest = 200)]
    public Property A_history_without_uncertain_days_has_equal_figures_and_never_an_undetermined_answer() =>
        Prop.ForAll(Samples, s =>
        {
            var check = Engine.Check(s.History with { Uncertain = null }, s.On);
            return check.DaysUsed == check.DaysUsedIfPresent && check.Determination != Determination.Undetermined
                && (check.Determination == Determination.Unlawful) == (check.DaysUsed > 90) && !check.UncertainCountedAsPresent;
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
