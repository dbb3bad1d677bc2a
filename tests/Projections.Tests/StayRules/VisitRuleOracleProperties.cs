using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.StayRules;

/// <summary>
/// The per-visit kinds against a day-by-day oracle on random journeys (consecutive segments in the rule's country, a
/// no-reset country, another country, or unrecorded, touching on crossing days, the last one possibly open).
/// </summary>
public class VisitRuleOracleProperties
{
    private static readonly DateOnly Origin = new(2024, 1, 1);
    private static readonly VisitRule UkRule = RuleSet.Default.VisitRules.Single(r => r.Id == "uk-visitor");
    private static readonly VisitRule VwpRule = RuleSet.Default.VisitRules.Single(r => r.Id == "us-vwp");
    private static readonly VisitRule AustraliaRule = RuleSet.Default.VisitRules.Single(r => r.Id == "australia-visitor");

    public record Sample(TravelHistory History, DateOnly On);

    private static Arbitrary<Sample> Journeys(string home) =>
        (from segments in Gen.ListOf(Gen.Zip(Gen.Elements(home, home, "CA", "MX", "FR", ""), Gen.Choose(0, 120))).Select(s => s.Take(12).ToList())
         from open in Gen.Elements(false, false, true)
         from control in Gen.Choose(0, 1000)
         select Build(segments, open, control)).ToArbitrary();

    private static Sample Build(List<(string Country, int Length)> segments, bool open, int control)
    {
        var stays = new List<Stay>();
        var day = Origin;
        for (var i = 0; i < segments.Count; i++)
        {
            var (country, length) = segments[i];
            var last = day.AddDays(length);
            if (country != "") stays.Add(new Stay(day, open && i == segments.Count - 1 ? null : last, country));
            day = country == "" ? last.AddDays(1) : last; // a crossing day belongs to both sides; an unrecorded gap to neither
        }
        return new Sample(new TravelHistory(stays, Nationalities: ["JP"]), Origin.AddDays(control));
    }

    /// <summary>Unlawful days and the answer for the control day, worked out one entry and one day at a time.</summary>
    private static (List<DateOnly> Unlawful, DateOnly? StayUntil) Oracle(VisitRule rule, TravelHistory h, DateOnly on)
    {
        DateOnly End(Stay s) => s.Exit is { } x && x < on ? x : on;
        bool In(IEnumerable<Stay> stays, DateOnly d) => stays.Any(s => s.Entry <= d && d <= End(s));
        var home = h.Stays.Where(s => rule.IsMemberOn(s.Country, s.Entry) && s.Entry <= on).OrderBy(s => s.Entry).ToList();
        var noReset = h.Stays.Where(s => rule.NoResetCountries.Contains(s.Country) && s.Entry <= on).ToList();
        var admissionOf = new List<(DateOnly Day, DateOnly Last)>(); // presence day, last lawful day of its admission
        DateOnly? last = null;
        DateOnly lastPresent = default;
        bool Continues(DateOnly entry) => last is { } l && rule.Kind == RuleKind.PerVisitWithoutReset && entry <= l
            && (entry <= lastPresent
                || noReset.Any(n => End(n) >= lastPresent && n.Entry <= entry)
                   && Enumerable.Range(1, Math.Max(0, entry.DayNumber - lastPresent.DayNumber - 1)).All(k => In(noReset, lastPresent.AddDays(k))));
        foreach (var s in home)
        {
            if (!Continues(s.Entry)) last = rule.DefaultLastDay(s.Entry);
            for (var d = s.Entry; d <= End(s); d = d.AddDays(1)) admissionOf.Add((d, last!.Value));
            if (End(s) > lastPresent) lastPresent = End(s);
        }
        var unlawful = admissionOf.Where(p => p.Day > p.Last).Select(p => p.Day).Distinct().OrderBy(d => d).ToList();
        var today = admissionOf.Where(p => p.Day == on).ToList();
        DateOnly? until = today.Count > 0 ? (today[^1].Last >= on ? today[^1].Last : null)
            : Continues(on) ? last : rule.DefaultLastDay(on);
        return (unlawful, until);
    }

    private static bool Matches(VisitRule rule, Sample s)
    {
        var check = new VisitRuleEngine(rule).Check(s.History, s.On);
        var (unlawful, until) = Oracle(rule, s.History, s.On);
        var fromEngine = check.Violations.SelectMany(v => Enumerable.Range(0, v.Days).Select(i => v.From.AddDays(i))).ToList();
        var ok = fromEngine.SequenceEqual(unlawful) && check.StayUntil == until;
        if (!ok) throw new Exception($"on {s.On}: stays {string.Join(" ", s.History.Stays.Select(x => $"{x.Country}:{x.Entry}..{x.Exit}"))}; engine {check.StayUntil} [{string.Join(",", check.Violations)}] oracle {until} [{unlawful.FirstOrDefault()}..{unlawful.LastOrDefault()} n={unlawful.Count}]");
        return ok;
    }

    [Property(MaxTest = 300)]
    public Property Per_visit_matches_the_oracle() => Prop.ForAll(Journeys("GB"), s => Matches(UkRule, s));

    // Three calendar months: short visits cross the period's end often, and month lengths differ (31 January + 3 months).
    [Property(MaxTest = 300)]
    public Property Per_visit_in_months_matches_the_oracle() => Prop.ForAll(Journeys("AU"), s => Matches(AustraliaRule, s));

    [Property(MaxTest = 300)]
    public Property Per_visit_without_reset_matches_the_oracle() => Prop.ForAll(Journeys("US"), s => Matches(VwpRule, s));
}
