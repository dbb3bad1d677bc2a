namespace Ledger.Projections.StayRules;

/// <summary>
/// One admission under a per-visit rule: the day it began, the last lawful day it allows, and the runs of days the
/// traveller was present in the rule's countries under it (several runs when a perVisitWithoutReset trip to a
/// no-reset country was made in between). <see cref="LastPresent"/> is the last of those days.
/// </summary>
public sealed record Admission(DateOnly AdmittedOn, DateOnly LastLawfulDay, IReadOnlyList<DayRange> Presence)
{
    public int LastPresent => Presence[^1].Last;
    public bool IsPresentOn(DateOnly day) => Presence.Any(p => p.Contains(day.DayNumber));
}

/// <summary>
/// A per-visit rule applied to a traveller's history. Pure: no I/O, no clock. Bounds, all calendar days, inclusive:
/// - each entry into one of the rule's countries begins an admission of LimitDays days (or LimitMonths calendar
///   months: last day = entry + months − 1 day), entry day included; an officer's date on the entry
///   (<see cref="Stay.AdmittedUntil"/>) replaces it where the rule lets officers set one;
/// - a re-entry on the exit day is a new entry; overlapping records of one presence are one visit;
/// - perVisitWithoutReset: a re-entry within the admission, after days spent only in the no-reset countries (every day
///   between exit and re-entry covered by stays there, and at least one such stay touching them), continues the
///   admission; days in the no-reset countries count toward it, since its clock never stopped;
/// - a day present after the admission's last lawful day is unlawful.
/// </summary>
public sealed class VisitRuleEngine(VisitRule rule)
{
    public VisitRule Rule => rule;

    /// <summary>Admissions in the history, oldest first; a stay without exit lasts until <paramref name="openUntil"/>.</summary>
    public IReadOnlyList<Admission> Admissions(TravelHistory history, DateOnly openUntil)
    {
        if (rule.DoesNotApplyTo(history.NationalitiesOrEmpty)) return [];
        var visits = new List<(DayRange Days, DateOnly? AdmittedUntil)>();
        foreach (var stay in history.Stays.Where(s => rule.IsMemberOn(s.Country, s.Entry)).OrderBy(s => s.Entry))
        {
            var last = Math.Min(stay.Exit?.DayNumber ?? openUntil.DayNumber, openUntil.DayNumber);
            if (last < stay.Entry.DayNumber) continue;
            var days = new DayRange(stay.Entry.DayNumber, last);
            // Records of one presence overlapping (duplicates, a stamp and a system record) are one visit.
            if (visits.Count > 0 && days.First < visits[^1].Days.Last)
                visits[^1] = (new DayRange(visits[^1].Days.First, Math.Max(last, visits[^1].Days.Last)), visits[^1].AdmittedUntil);
            else visits.Add((days, stay.AdmittedUntil));
        }

        var noReset = rule.Kind == RuleKind.PerVisitWithoutReset ? NoResetPresence(history, openUntil) : [];
        var admissions = new List<Admission>();
        foreach (var (days, admittedUntil) in visits)
        {
            var entry = DateOnly.FromDayNumber(days.First);
            if (admissions.Count > 0 && Continues(admissions[^1], entry, noReset))
            {
                admissions[^1] = admissions[^1] with { Presence = [.. admissions[^1].Presence, days] };
                continue;
            }
            var lastLawful = rule.OfficerMaySetDate && admittedUntil is { } set ? set : rule.DefaultLastDay(entry);
            admissions.Add(new Admission(entry, lastLawful, [days]));
        }
        return admissions;
    }

    /// <summary>Where the traveller stands on <paramref name="on"/>, in the same shape as a rolling-window check.</summary>
    public StayCheck Check(TravelHistory history, DateOnly on)
    {
        var exempt = rule.DoesNotApplyTo(history.NationalitiesOrEmpty);
        var admissions = Admissions(history, on);
        var violations = Violations(admissions, on);
        var current = admissions.LastOrDefault(a => a.IsPresentOn(on));
        if (current is null)
        {
            // Not present on the day: staying from it on means entering on it.
            var plan = Plan(admissions, on, history.NationalitiesOrEmpty,
                rule.Kind == RuleKind.PerVisitWithoutReset ? NoResetPresence(history, on) : null, presentTheDayBefore: false);
            return new StayCheck(rule.Id, on, on, on, 0, plan.MaxStayDays == int.MaxValue ? 0 : plan.MaxStayDays, 0,
                exempt ? null : plan.LastDay, violations, exempt);
        }
        var used = on.DayNumber - current.AdmittedOn.DayNumber + 1;
        var last = current.LastLawfulDay;
        return new StayCheck(rule.Id, on, current.AdmittedOn, on,
            DaysUsed: used,
            DaysRemaining: Math.Max(0, last.DayNumber - on.DayNumber),
            OverstayDays: Math.Max(0, on.DayNumber - last.DayNumber),
            StayUntil: last >= on ? last : null,
            Violations: violations,
            Exempt: exempt,
            DaysUsedIfPresent: used,
            Determination: on > last ? Determination.Unlawful : Determination.Lawful);
    }

    /// <summary>For an entry (or a day of continued presence) on <paramref name="enter"/>: the last lawful day; presence up to the day before comes from the history.</summary>
    public StayPlan Plan(TravelHistory history, DateOnly enter) =>
        Plan(Admissions(history, enter.AddDays(-1)), enter, history.NationalitiesOrEmpty);

    /// <summary><see cref="Plan(TravelHistory, DateOnly)"/> on admissions already computed up to the day before <paramref name="enter"/> (or earlier).</summary>
    public StayPlan Plan(IReadOnlyList<Admission> admissions, DateOnly enter, IReadOnlyList<string> nationalities,
        IReadOnlyList<DayRange>? noReset = null, bool presentTheDayBefore = true)
    {
        if (rule.DoesNotApplyTo(nationalities)) return new StayPlan(rule.Id, enter, int.MaxValue, null);
        var last = Governing(admissions, enter, noReset, presentTheDayBefore)?.LastLawfulDay ?? rule.DefaultLastDay(enter);
        return new StayPlan(rule.Id, enter, Math.Max(0, last.DayNumber - enter.DayNumber + 1), last >= enter ? last : null);
    }

    /// <summary>
    /// The admission a presence on <paramref name="day"/> falls under: the one the traveller is still present under
    /// the day before, or (perVisitWithoutReset) the one a return from a no-reset country continues; null: a new admission.
    /// <paramref name="presentTheDayBefore"/>: presence recorded up to the day before continues into the day (an open
    /// stay, or a plan's consecutive legs); false when the traveller is known to have left.
    /// </summary>
    public Admission? Governing(IReadOnlyList<Admission> admissions, DateOnly day, IReadOnlyList<DayRange>? noReset = null, bool presentTheDayBefore = true)
    {
        if (admissions.Count == 0) return null;
        var latest = admissions[^1];
        if (presentTheDayBefore && latest.LastPresent == day.DayNumber - 1 || latest.IsPresentOn(day)) return latest;
        return rule.Kind == RuleKind.PerVisitWithoutReset && noReset is not null && Continues(latest, day, noReset) ? latest : null;
    }

    /// <summary>The stays in the no-reset countries, as day ranges (open ones until <paramref name="openUntil"/>).</summary>
    public IReadOnlyList<DayRange> NoResetPresence(TravelHistory history, DateOnly openUntil) =>
        history.Stays.Where(s => rule.NoResetCountries.Contains(s.Country))
            .Select(s => new DayRange(s.Entry.DayNumber, Math.Min(s.Exit?.DayNumber ?? openUntil.DayNumber, openUntil.DayNumber)))
            .Where(r => r.Last >= r.First).OrderBy(r => r.First).ToList();

    /// <summary>A re-entry on <paramref name="entry"/> continues <paramref name="admission"/>: within its period, after a trip only to no-reset countries.</summary>
    private bool Continues(Admission admission, DateOnly entry, IReadOnlyList<DayRange> noReset)
    {
        if (rule.Kind != RuleKind.PerVisitWithoutReset || entry > admission.LastLawfulDay) return false;
        var exit = admission.LastPresent;
        if (entry.DayNumber <= exit) return true;
        if (noReset.Count == 0) return false;
        // At least one stay in a no-reset country between the exit and the re-entry (both days included) ...
        if (!noReset.Any(r => r.Last >= exit && r.First <= entry.DayNumber)) return false;
        // ... and no day in between unaccounted for.
        var next = exit + 1;
        foreach (var r in noReset)
        {
            if (r.First > next) break;
            if (r.Last >= next) next = r.Last + 1;
            if (next >= entry.DayNumber) break;
        }
        return next >= entry.DayNumber;
    }

    /// <summary>Runs of days present after an admission's last lawful day, up to <paramref name="until"/>.</summary>
    public static IReadOnlyList<Violation> Violations(IReadOnlyList<Admission> admissions, DateOnly until)
    {
        var runs = new List<Violation>();
        foreach (var a in admissions)
            foreach (var p in a.Presence)
            {
                var first = Math.Max(p.First, a.LastLawfulDay.DayNumber + 1);
                var last = Math.Min(p.Last, until.DayNumber);
                if (last < first) continue;
                if (runs.Count > 0 && runs[^1].To.DayNumber + 1 >= first)
                {
                    var merged = runs[^1];
                    var to = Math.Max(merged.To.DayNumber, last);
                    runs[^1] = new Violation(merged.From, DateOnly.FromDayNumber(to), to - merged.From.DayNumber + 1);
                }
                else runs.Add(new Violation(DateOnly.FromDayNumber(first), DateOnly.FromDayNumber(last), last - first + 1));
            }
        return runs;
    }
}
