using Ledger.Projections.StayRules;

namespace Ledger.Projections.Presence;

/// <summary>Days <see cref="First"/> to <see cref="Last"/>, both included.</summary>
public sealed record DateSpan(DateOnly First, DateOnly Last);

/// <summary>
/// What a goal is counted from, for one state: the stays there (entry and exit days included; a null exit: still
/// there), the days the records leave uncertain, the first day of the starting permission (null: not held), and the
/// days before it on which the traveller was authorised as a temporary resident (for a half credit).
/// </summary>
public sealed record PresenceRecord(
    IReadOnlyList<(DateOnly Entry, DateOnly? Exit)> Stays, IReadOnlyList<DateSpan> Uncertain, DateOnly? PermissionFrom,
    IReadOnlyList<DateSpan> TemporaryAuthorised);

public enum PresenceDetermination { Met, NotMet, Undetermined }

/// <summary>
/// One part on the date asked. <see cref="Counted"/> counts uncertain days as absent (the figure the records prove);
/// <see cref="CountedIfUncertainPresent"/> counts them as present; <see cref="Determination"/> says whether the part
/// holds either way. <see cref="Shortfall"/>: days missing (present) or days over (absent) on <see cref="Counted"/>.
/// For a part counted in every window, <see cref="From"/>..<see cref="To"/> is the worst window.
/// </summary>
public sealed record PartAnswer(
    string Part, string Description, DateOnly From, DateOnly To, PresenceUnit Unit, int Required, int Counted, int CountedIfUncertainPresent,
    PresenceDetermination Determination, bool Met, int Shortfall, int? HalfCreditDays, int? DaysStillPossible, string Source);

/// <summary>Whether the starting permission is held on the date asked, since when, and for long enough.</summary>
public sealed record PermissionAnswer(bool Held, DateOnly? From, string? HeldForRequired, bool HeldLongEnough);

public sealed record PresenceAnswer(
    string Goal, DateOnly On, bool Met, PresenceDetermination Determination, PermissionAnswer Permission, IReadOnlyList<PartAnswer> Parts,
    DateOnly? EarliestDateMet, DateOnly? LatestReturnDate, bool PresentOn, string Citation);

/// <summary>
/// The presence calculator: pure, no I/O. Counts days present and absent in a goal's periods from the record, as
/// lower and upper figures where the records leave days uncertain. <c>earliestDateMet</c> assumes presence from the
/// date asked on; <c>latestReturnDate</c> (obligations, traveller abroad on the date asked) assumes absence until the
/// return and presence after it.
/// </summary>
public static class PresenceCalculator
{
    /// <summary>How far ahead the earliest date and the latest return are looked for.</summary>
    public const int HorizonYears = 11;

    public static PresenceAnswer Answer(PresenceGoal goal, PresenceRecord record, DateOnly on)
    {
        var counter = Counter.From(goal, record, on);
        var plain = new Scenario(counter, null, 0);
        var parts = goal.Parts.Select(p => Part(p, record.PermissionFrom, on, plain)).ToList();
        var permission = Permission(goal, record.PermissionFrom, on);
        var determination = Overall(parts, permission.HeldLongEnough);

        DateOnly? earliest = null;
        if (permission.Held)
        {
            var staying = new Scenario(counter, on.DayNumber, on.DayNumber);
            for (var d = on; d <= on.AddYears(HorizonYears - 1); d = d.AddDays(1))
            {
                if (!HeldLongEnough(goal, record.PermissionFrom, d)) continue;
                if (goal.Parts.All(p => Part(p, record.PermissionFrom, d, staying).Determination == PresenceDetermination.Met)) { earliest = d; break; }
            }
        }

        var presentOn = counter.Certain.IsPresent(on.DayNumber);
        DateOnly? latest = null;
        if (goal.Kind == GoalKind.Obligation && permission.Held && !presentOn)
        {
            for (var r = on; r <= on.AddYears(HorizonYears - 1); r = r.AddDays(1))
            {
                var back = new Scenario(counter, on.DayNumber, r.DayNumber);
                if (goal.Parts.Any(p => Part(p, record.PermissionFrom, r, back).Determination != PresenceDetermination.Met)) break;
                latest = r;
            }
        }
        return new PresenceAnswer(goal.Id, on, determination == PresenceDetermination.Met, determination, permission, parts, earliest, latest, presentOn, goal.Citation);
    }

    private static PermissionAnswer Permission(PresenceGoal goal, DateOnly? from, DateOnly on) =>
        new(from is { } f && f <= on, from is { } x && x <= on ? x : null, goal.PermissionHeldFor?.ToString(), HeldLongEnough(goal, from, on));

    /// <summary>Held on every day of the required span ending the day before <paramref name="on"/> (or simply held, when no span is required).</summary>
    private static bool HeldLongEnough(PresenceGoal goal, DateOnly? from, DateOnly on) =>
        from is { } f && f <= on && (goal.PermissionHeldFor is not { } span || f <= span.FirstDayEndingOn(on.AddDays(-1)));

    private static PresenceDetermination Overall(IReadOnlyList<PartAnswer> parts, bool heldLongEnough) =>
        !heldLongEnough || parts.Any(p => p.Determination == PresenceDetermination.NotMet) ? PresenceDetermination.NotMet
        : parts.Any(p => p.Determination == PresenceDetermination.Undetermined) ? PresenceDetermination.Undetermined
        : PresenceDetermination.Met;

    /// <summary>One part on <paramref name="on"/> under <paramref name="s"/>.</summary>
    public static PartAnswer Part(PresencePart part, DateOnly? permissionFrom, DateOnly on, Scenario s)
    {
        var end = part.Ends == PeriodEnd.OnDay ? on : on.AddDays(-1);
        var start = part.Period.FirstDayEndingOn(end);
        if (part.Unit == PresenceUnit.DaysAbsent)
        {
            if (part.AnyWindowMonths is { } months)
            {
                // The worst window of that many months inside the period: the most days certainly absent.
                var window = new Span(null, months);
                var (worstFrom, worstTo, worstUpper, worstLower) = (start, window.LastDayStartingOn(start), -1, -1);
                for (var w = start; window.LastDayStartingOn(w) <= end; w = w.AddDays(1))
                {
                    var last = window.LastDayStartingOn(w);
                    var total = last.DayNumber - w.DayNumber + 1;
                    var absentIfUncertainAbsent = total - s.Present(w.DayNumber, last.DayNumber, upper: false);
                    var absentIfUncertainPresent = total - s.Present(w.DayNumber, last.DayNumber, upper: true);
                    if (absentIfUncertainAbsent > worstUpper) (worstFrom, worstTo, worstUpper) = (w, last, absentIfUncertainAbsent);
                    worstLower = Math.Max(worstLower, absentIfUncertainPresent);
                }
                return Absent(part, worstFrom, worstTo, Math.Max(0, worstUpper), Math.Max(0, worstLower));
            }
            var days = end.DayNumber - start.DayNumber + 1;
            return Absent(part, start, end, days - s.Present(start.DayNumber, end.DayNumber, false), days - s.Present(start.DayNumber, end.DayNumber, true));
        }

        // Days present: only from the permission's first day when the part says so (none while it is not held).
        var from = start;
        var to = end;
        int? possible = null;
        if (part.FromPermission && part.Potential && permissionFrom is { } pf && pf > start && pf <= on)
        {
            // A permission younger than the period: the period is the one that began with it, and the days still to come count as possible.
            from = pf;
            to = part.Period.LastDayStartingOn(pf);
            possible = Math.Max(0, to.DayNumber - end.DayNumber);
        }
        var countFrom = part.FromPermission ? (permissionFrom is { } p && p <= on ? DateOnly.FromDayNumber(Math.Max(p.DayNumber, from.DayNumber)) : end.AddDays(1)) : from;
        var countTo = possible is null ? to : end;
        var lower = s.Present(countFrom.DayNumber, countTo.DayNumber, false);
        var upper = s.Present(countFrom.DayNumber, countTo.DayNumber, true);
        int? credit = null, creditUpper = null;
        if (part.PrePermissionHalfCredit is { } half)
        {
            var beforeLast = permissionFrom is { } q ? Math.Min(q.DayNumber - 1, end.DayNumber) : end.DayNumber;
            credit = Math.Min(half.Cap, s.PresentAuthorised(from.DayNumber, beforeLast, false) / 2);
            creditUpper = Math.Min(half.Cap, s.PresentAuthorised(from.DayNumber, beforeLast, true) / 2);
            lower += credit.Value;
            upper += creditUpper.Value;
        }
        var reach = possible ?? 0;
        var determination = lower + reach >= part.Limit ? PresenceDetermination.Met : upper + reach < part.Limit ? PresenceDetermination.NotMet : PresenceDetermination.Undetermined;
        return new PartAnswer(part.Id, part.Description, from, to, PresenceUnit.DaysPresent, part.Limit, lower, upper, determination,
            determination == PresenceDetermination.Met, Math.Max(0, part.Limit - lower - reach), credit, possible, part.Source);
    }

    private static PartAnswer Absent(PresencePart part, DateOnly from, DateOnly to, int counted, int ifUncertainPresent)
    {
        var determination = counted <= part.Limit ? PresenceDetermination.Met : ifUncertainPresent > part.Limit ? PresenceDetermination.NotMet : PresenceDetermination.Undetermined;
        return new PartAnswer(part.Id, part.Description, from, to, PresenceUnit.DaysAbsent, part.Limit, counted, ifUncertainPresent, determination,
            determination == PresenceDetermination.Met, Math.Max(0, counted - part.Limit), null, null, part.Source);
    }

    /// <summary>The record's days as timelines: certain presence, presence if uncertain days were present, and both on authorised days.</summary>
    public sealed record Counter(PresenceTimeline Certain, PresenceTimeline Upper, PresenceTimeline CertainAuthorised, PresenceTimeline UpperAuthorised)
    {
        public static Counter From(PresenceGoal goal, PresenceRecord record, DateOnly on)
        {
            var far = on.AddYears(HorizonYears + 1).DayNumber;
            var certain = record.Stays.Select(s => (First: s.Entry.DayNumber, Last: Math.Min(s.Exit?.DayNumber ?? far, far), Open: s.Exit is null))
                .Select(s => goal.TravelDays == TravelDayCount.Absent ? (s.First + 1, s.Open ? s.Last : s.Last - 1) : (s.First, s.Last))
                .Where(r => r.Item2 >= r.Item1).Select(r => new DayRange(r.Item1, r.Item2)).ToList();
            var uncertain = record.Uncertain.Select(u => new DayRange(u.First.DayNumber, u.Last.DayNumber)).ToList();
            var authorised = record.TemporaryAuthorised.Select(a => new DayRange(a.First.DayNumber, a.Last.DayNumber)).ToList();
            var certainTimeline = new PresenceTimeline(certain);
            var upperTimeline = new PresenceTimeline([.. certain, .. uncertain]);
            return new Counter(certainTimeline, upperTimeline,
                new PresenceTimeline(Intersect(certainTimeline.Ranges, authorised)), new PresenceTimeline(Intersect(upperTimeline.Ranges, authorised)));
        }

        private static IEnumerable<DayRange> Intersect(IReadOnlyList<DayRange> ranges, IReadOnlyList<DayRange> with) =>
            from r in ranges from w in with
            let first = Math.Max(r.First, w.First)
            let last = Math.Min(r.Last, w.Last)
            where last >= first
            select new DayRange(first, last);
    }

    /// <summary>
    /// The record, or from <see cref="Cutoff"/> on an assumption: absent until <see cref="ReturnDay"/>, present from it
    /// (days after the cutoff are never pre-permission authorised days).
    /// </summary>
    public sealed record Scenario(Counter Counter, int? Cutoff, int ReturnDay)
    {
        public int Present(int first, int last, bool upper) =>
            Count(upper ? Counter.Upper : Counter.Certain, first, last, assumeFuture: true);

        public int PresentAuthorised(int first, int last, bool upper) =>
            Count(upper ? Counter.UpperAuthorised : Counter.CertainAuthorised, first, last, assumeFuture: false);

        private int Count(PresenceTimeline timeline, int first, int last, bool assumeFuture)
        {
            if (last < first) return 0;
            if (Cutoff is not { } cut) return timeline.DaysIn(first, last);
            var recorded = timeline.DaysIn(first, Math.Min(last, cut - 1));
            if (!assumeFuture || last < cut) return recorded;
            var from = Math.Max(Math.Max(first, cut), ReturnDay);
            return recorded + Math.Max(0, last - from + 1);
        }
    }
}
