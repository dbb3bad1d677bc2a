using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Projections.Presence;

namespace Ledger.Projections.Tests.Presence;

/// <summary>
/// Each kind of part (days present, days absent, days absent in every window, days present from the permission with a
/// half credit before it) against a brute-force count that walks the calendar day by day.
/// </summary>
public class PresenceCalculatorProperties
{
    private static readonly DateOnly Origin = new(2018, 1, 1);

    public sealed record Sample(PresenceRecord Record, DateOnly On);

    private static Gen<(DateOnly, DateOnly?)> StayGen =>
        from start in Gen.Choose(0, 2900)
        from length in Gen.Frequency((3, Gen.Choose(0, 30)), (2, Gen.Choose(31, 400)))
        from open in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select (Origin.AddDays(start), open ? (DateOnly?)null : Origin.AddDays(start + length));

    private static Gen<DateSpan> SpanGen(int maxLength) =>
        from start in Gen.Choose(0, 2900)
        from length in Gen.Choose(0, maxLength)
        select new DateSpan(Origin.AddDays(start), Origin.AddDays(start + length));

    private static Arbitrary<Sample> Samples =>
        (from stays in Gen.ListOf(StayGen).Select(s => s.Take(12).ToList())
         from uncertain in Gen.Frequency((1, Gen.Constant(new List<DateSpan>())), (2, Gen.ListOf(SpanGen(40)).Select(u => u.Take(3).ToList())))
         from permission in Gen.Frequency((1, Gen.Constant((DateOnly?)null)), (4, Gen.Choose(0, 2900).Select(d => (DateOnly?)Origin.AddDays(d))))
         from authorised in Gen.ListOf(SpanGen(500)).Select(a => a.Take(3).ToList())
         from onDay in Gen.Choose(1900, 2900)
         select new Sample(new PresenceRecord(stays, uncertain, permission, authorised), Origin.AddDays(onDay))).ToArbitrary();

    private static PresencePart Part(PresenceUnit unit, int limit, int years, PeriodEnd ends, int? window = null, bool fromPermission = false, HalfCredit? credit = null) =>
        new("p", "d", unit, limit, new Span(years, null), ends, window, fromPermission, false, credit, "s");

    private static PresenceGoal Goal(params PresencePart[] parts) =>
        new("g", "G", "CA", ["PR"], GoalKind.Eligibility, null, TravelDayCount.Present, "s", parts, "c");

    // The brute force: a day is certainly present when a stay covers it, possibly present when an uncertain span does.
    private static bool Certain(PresenceRecord r, DateOnly d) => r.Stays.Any(s => s.Entry <= d && (s.Exit is null || d <= s.Exit));

    private static bool Possible(PresenceRecord r, DateOnly d) => Certain(r, d) || r.Uncertain.Any(u => u.First <= d && d <= u.Last);

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1)) yield return d;
    }

    private static (DateOnly First, DateOnly Last) Period(int years, PeriodEnd ends, DateOnly on)
    {
        var last = ends == PeriodEnd.OnDay ? on : on.AddDays(-1);
        return (last.AddYears(-years).AddDays(1), last);
    }

    private static PartAnswer Answer(PresencePart part, Sample s) => PresenceCalculator.Answer(Goal(part), s.Record, s.On).Parts[0];

    [Property(MaxTest = 150)]
    public Property Days_present_match_a_day_by_day_count() =>
        Prop.ForAll(Samples, Gen.Elements(PeriodEnd.DayBefore, PeriodEnd.OnDay).ToArbitrary(), (s, ends) =>
        {
            var (first, last) = Period(5, ends, s.On);
            var a = Answer(Part(PresenceUnit.DaysPresent, 730, 5, ends), s);
            var lower = Days(first, last).Count(d => Certain(s.Record, d));
            var upper = Days(first, last).Count(d => Possible(s.Record, d));
            var expected = lower >= 730 ? PresenceDetermination.Met : upper < 730 ? PresenceDetermination.NotMet : PresenceDetermination.Undetermined;
            return a.Counted == lower && a.CountedIfUncertainPresent == upper && a.Determination == expected && a.Shortfall == Math.Max(0, 730 - lower);
        });

    [Property(MaxTest = 150)]
    public Property Days_absent_match_a_day_by_day_count() =>
        Prop.ForAll(Samples, s =>
        {
            var (first, last) = Period(4, PeriodEnd.DayBefore, s.On);
            var a = Answer(Part(PresenceUnit.DaysAbsent, 365, 4, PeriodEnd.DayBefore), s);
            var absent = Days(first, last).Count(d => !Certain(s.Record, d));
            var absentIfPresent = Days(first, last).Count(d => !Possible(s.Record, d));
            var expected = absent <= 365 ? PresenceDetermination.Met : absentIfPresent > 365 ? PresenceDetermination.NotMet : PresenceDetermination.Undetermined;
            return a.Counted == absent && a.CountedIfUncertainPresent == absentIfPresent && a.Determination == expected;
        });

    [Property(MaxTest = 40)]
    public Property The_worst_window_matches_a_brute_force_over_every_window() =>
        Prop.ForAll(Samples, s =>
        {
            var (first, last) = Period(2, PeriodEnd.OnDay, s.On);
            var a = Answer(Part(PresenceUnit.DaysAbsent, 180, 2, PeriodEnd.OnDay, window: 12), s);
            var worst = 0;
            var worstIfPresent = 0;
            for (var w = first; w.AddMonths(12).AddDays(-1) <= last; w = w.AddDays(1))
            {
                var end = w.AddMonths(12).AddDays(-1);
                worst = Math.Max(worst, Days(w, end).Count(d => !Certain(s.Record, d)));
                worstIfPresent = Math.Max(worstIfPresent, Days(w, end).Count(d => !Possible(s.Record, d)));
            }
            return a.Counted == worst && a.CountedIfUncertainPresent == worstIfPresent
                && Days(a.From, a.To).Count(d => !Certain(s.Record, d)) == worst;
        });

    [Property(MaxTest = 150)]
    public Property Days_present_from_the_permission_with_a_capped_half_credit_before_it_match_a_day_by_day_count() =>
        Prop.ForAll(Samples, s =>
        {
            var (first, last) = Period(5, PeriodEnd.DayBefore, s.On);
            var a = Answer(Part(PresenceUnit.DaysPresent, 1095, 5, PeriodEnd.DayBefore, fromPermission: true, credit: new HalfCredit(365, "s")), s);
            var permission = s.Record.PermissionFrom is { } p && p <= s.On ? p : (DateOnly?)null;
            var asResident = permission is null ? 0 : Days(first, last).Count(d => d >= permission && Certain(s.Record, d));
            var before = Days(first, last).Count(d => (permission is null || d < permission) && Certain(s.Record, d)
                                                   && s.Record.TemporaryAuthorised.Any(t => t.First <= d && d <= t.Last));
            var credit = Math.Min(365, before / 2);
            return a.HalfCreditDays == credit && a.Counted == asResident + credit;
        });

    [Property(MaxTest = 60)]
    public Property The_earliest_date_met_is_the_first_day_on_which_staying_from_the_date_asked_meets_the_part() =>
        Prop.ForAll(Samples, s =>
        {
            var part = Part(PresenceUnit.DaysPresent, 730, 5, PeriodEnd.DayBefore);
            var goal = Goal(part);
            var answer = PresenceCalculator.Answer(goal with { }, s.Record with { PermissionFrom = Origin }, s.On);
            // Brute force: present from the date asked on; the first d >= on whose five years before hold 730 certain days.
            var origin = s.On.AddYears(-6);
            var present = Days(origin, s.On.AddYears(7)).Select(x => x >= s.On || Certain(s.Record, x)).ToArray();
            bool Met(DateOnly d)
            {
                var (first, last) = Period(5, PeriodEnd.DayBefore, d);
                var count = 0;
                for (var x = first.DayNumber; x <= last.DayNumber; x++) if (present[x - origin.DayNumber]) count++;
                return count >= 730;
            }
            var expected = Days(s.On, s.On.AddYears(6)).Cast<DateOnly?>().FirstOrDefault(d => Met(d!.Value));
            return answer.EarliestDateMet == expected;
        });
}
