namespace Ledger.Projections.StayRules;

/// <summary>
/// A history turned into presence timelines for one regime; answers every query about it. <see cref="Timeline"/> holds
/// the days certainly present (the lower figure), <see cref="Upper"/> those plus the uncertain days (the upper figure).
/// Lawfulness of the past is judged on both: unlawful only when even the lower figure is over the limit. Questions about
/// the future (stayUntil, plan, earliest) are answered conservatively, on the upper figure.
/// </summary>
public sealed class PreparedHistory
{
    private readonly Regime _regime;
    private readonly Lazy<IReadOnlyList<Violation>> _violations;
    private readonly Lazy<IReadOnlyList<UndeterminedPeriod>> _undetermined;
    private readonly IReadOnlyList<(DayRange Days, string AnomalyId)> _uncertain;

    public PresenceTimeline Timeline { get; }
    public PresenceTimeline Upper { get; }
    public bool Exempt { get; }

    /// <summary>True when some uncertain day counts under this regime: future answers then assume those days present.</summary>
    public bool HasUncertainDays => _uncertain.Count > 0;

    internal PreparedHistory(Regime regime, PresenceTimeline timeline, PresenceTimeline upper,
        IReadOnlyList<(DayRange Days, string AnomalyId)> uncertain, bool exempt)
    {
        _regime = regime;
        Timeline = timeline;
        Upper = upper;
        _uncertain = uncertain;
        Exempt = exempt;
        _violations = new Lazy<IReadOnlyList<Violation>>(FindViolations);
        _undetermined = new Lazy<IReadOnlyList<UndeterminedPeriod>>(FindUndetermined);
    }

    private int Window => _regime.WindowDays;
    private int Limit => _regime.LimitDays;

    /// <summary>Days of presence in the window ending on <paramref name="day"/> (both ends inclusive).</summary>
    public int DaysUsed(DateOnly day) => Timeline.DaysIn(day.DayNumber - Window + 1, day.DayNumber);

    /// <summary>Days present or uncertain in the window ending on <paramref name="day"/> (both ends inclusive).</summary>
    public int DaysUsedIfPresent(DateOnly day) => Upper.DaysIn(day.DayNumber - Window + 1, day.DayNumber);

    /// <summary>lawful: even the upper figure is within the limit; unlawful: even the lower one is over it; else undetermined.</summary>
    public Determination Determine(int used, int usedIfPresent) =>
        usedIfPresent <= Limit ? Determination.Lawful : used > Limit ? Determination.Unlawful : Determination.Undetermined;

    public StayCheck Check(DateOnly on)
    {
        _regime.EnsureApplies(on, "control date");
        var used = DaysUsed(on);
        var ifPresent = DaysUsedIfPresent(on);
        var determination = Determine(used, ifPresent);
        return new StayCheck(
            _regime.Id, on, on.AddDays(-(Window - 1)), on,
            DaysUsed: used,
            DaysRemaining: Math.Max(0, Limit - used),
            OverstayDays: Math.Max(0, used - Limit),
            StayUntil: Exempt ? null : StayUntil(on),
            Violations: Violations,
            Exempt: Exempt,
            DaysUsedIfPresent: ifPresent,
            Determination: determination,
            Anomalies: determination == Determination.Undetermined ? AnomaliesIn(on.DayNumber - Window + 1, on.DayNumber) : [],
            UndeterminedPeriods: UndeterminedPeriods,
            UncertainCountedAsPresent: HasUncertainDays);
    }

    public StayPlan Plan(DateOnly enter)
    {
        _regime.EnsureApplies(enter, "entry date");
        if (Exempt) return new StayPlan(_regime.Id, enter, int.MaxValue, null);
        var last = StayUntil(enter);
        return new StayPlan(_regime.Id, enter, last is { } l ? l.DayNumber - enter.DayNumber + 1 : 0, last, HasUncertainDays);
    }

    public EarliestEntry Earliest(int days, DateOnly from)
    {
        _regime.EnsureApplies(from, "start date");
        if (days < 1 || days > Limit)
            throw new StayRuleException($"a stay of {days} days can never be lawful under {_regime.Name}: ask for 1 to {Limit} days");
        // Terminates: once every recorded day has left the window, a full-limit stay is always possible.
        for (var enter = from; ; enter = enter.AddDays(1))
            if (Exempt || StayUntil(enter) is { } last && last.DayNumber - enter.DayNumber + 1 >= days)
                return new EarliestEntry(_regime.Id, days, from, enter, HasUncertainDays);
    }

    /// <summary>
    /// Assuming presence on every day from <paramref name="from"/> on (from included), the last day on which the
    /// window still holds no more than the limit; null when even <paramref name="from"/> would be over it.
    /// Only presence before <paramref name="from"/> is taken from the history. Old days roll out of the window
    /// while the traveller stays, so this is usually later than from + days remaining. Conservative: uncertain days
    /// count as present (the upper figure); with none, this is the exact answer.
    /// </summary>
    public DateOnly? StayUntil(DateOnly from)
    {
        var start = from.DayNumber;
        var timeline = Upper; // the conservative figure for the future
        var used = timeline.DaysIn(start - Window + 1, start - 1) + 1;
        if (used > Limit) return null;
        var day = start;
        while (true)
        {
            var leaving = day + 1 - Window; // the day that drops out of the window ending tomorrow
            var tomorrow = used + 1 - (leaving < start && timeline.IsPresent(leaving) ? 1 : 0);
            if (tomorrow > Limit) return DateOnly.FromDayNumber(day);
            used = tomorrow;
            day++;
        }
    }

    /// <summary>Every period of unlawful days in the whole (prepared) history, counted from the rule's effective date.</summary>
    public IReadOnlyList<Violation> Violations => _violations.Value;

    /// <summary>
    /// Every period of days (present or uncertain) on which the upper figure is over the limit but the lower one is not:
    /// the records cannot say whether they were lawful. Each names the anomalies whose days are in its windows.
    /// </summary>
    public IReadOnlyList<UndeterminedPeriod> UndeterminedPeriods => _undetermined.Value;

    /// <summary>Days used (both figures), the day's state and lawfulness for every day in [from, to].</summary>
    public IEnumerable<DailyCount> Series(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var used = DaysUsed(day);
            var present = Timeline.IsPresent(day.DayNumber);
            var uncertain = !present && Upper.IsPresent(day.DayNumber);
            yield return new DailyCount(day, used, present, present && used > Limit && day >= _regime.RuleEffectiveFrom,
                ReferenceEquals(Upper, Timeline) ? used : DaysUsedIfPresent(day), uncertain);
        }
    }

    /// <summary>The anomalies with uncertain days counted in [first, last], in the order of their days.</summary>
    private IReadOnlyList<string> AnomaliesIn(int first, int last) =>
        _uncertain.Where(u => u.Days.Last >= first && u.Days.First <= last).OrderBy(u => u.Days.First)
            .Select(u => u.AnomalyId).Distinct().ToList();

    /// <summary>Days over the limit only if uncertain days are counted: the upper figure exceeds it, the lower does not.</summary>
    private IReadOnlyList<UndeterminedPeriod> FindUndetermined() =>
        !HasUncertainDays ? [] :
        Runs(Upper, also: day => Timeline.DaysIn(day - Window + 1, day) <= Limit)
            .Select(r => new UndeterminedPeriod(DateOnly.FromDayNumber(r.First), DateOnly.FromDayNumber(r.Last), r.Last - r.First + 1,
                AnomaliesIn(r.First - Window + 1, r.Last)))
            .ToList();

    private IReadOnlyList<Violation> FindViolations() =>
        Runs(Timeline)
            .Select(r => new Violation(DateOnly.FromDayNumber(r.First), DateOnly.FromDayNumber(r.Last), r.Last - r.First + 1))
            .ToList();

    /// <summary>
    /// The maximal runs of consecutive days of <paramref name="presence"/>, from the rule's effective date, on which the
    /// window ending on the day holds more than the limit of <paramref name="presence"/> (and <paramref name="also"/>
    /// holds, when given). A window's count grows by at most one a day, so after a day with c ≤ limit the next
    /// limit − c days cannot be over it and are skipped (a lawful 10-year history is scanned in a few hundred steps
    /// instead of one per day present).
    /// </summary>
    private IEnumerable<(int First, int Last)> Runs(PresenceTimeline presence, Func<int, bool>? also = null)
    {
        var effective = _regime.RuleEffectiveFrom.DayNumber;
        int? first = null, last = null;
        var next = effective; // no day before this can hold
        foreach (var range in presence.Ranges)
            for (var day = Math.Max(range.First, next); day <= range.Last; day++)
            {
                var used = presence.DaysIn(day - Window + 1, day);
                if (used <= Limit)
                {
                    next = day + Limit - used + 1; // the first day that could be over, in this range or a later one
                    day = next - 1;
                    continue;
                }
                if (also is not null && !also(day)) continue;
                if (last == day - 1) { last = day; continue; }
                if (first is { } f) yield return (f, last!.Value);
                first = last = day;
            }
        if (first is { } open) yield return (open, last!.Value);
    }
}
