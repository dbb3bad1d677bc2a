namespace Ledger.Projections.StayRules;

/// <summary>A history turned into a presence timeline for one regime; answers every query about it.</summary>
public sealed class PreparedHistory
{
    private readonly Regime _regime;
    private readonly Lazy<IReadOnlyList<Violation>> _violations;

    public PresenceTimeline Timeline { get; }
    public bool Exempt { get; }

    internal PreparedHistory(Regime regime, PresenceTimeline timeline, bool exempt)
    {
        _regime = regime;
        Timeline = timeline;
        Exempt = exempt;
        _violations = new Lazy<IReadOnlyList<Violation>>(FindViolations);
    }

    private int Window => _regime.WindowDays;
    private int Limit => _regime.LimitDays;

    /// <summary>Days of presence in the window ending on <paramref name="day"/> (both ends inclusive).</summary>
    public int DaysUsed(DateOnly day) => Timeline.DaysIn(day.DayNumber - Window + 1, day.DayNumber);

    public StayCheck Check(DateOnly on)
    {
        _regime.EnsureApplies(on, "control date");
        var used = DaysUsed(on);
        return new StayCheck(
            _regime.Id, on, on.AddDays(-(Window - 1)), on,
            DaysUsed: used,
            DaysRemaining: Math.Max(0, Limit - used),
            OverstayDays: Math.Max(0, used - Limit),
            StayUntil: Exempt ? null : StayUntil(on),
            Violations: Violations,
            Exempt: Exempt);
    }

    public StayPlan Plan(DateOnly enter)
    {
        _regime.EnsureApplies(enter, "entry date");
        if (Exempt) return new StayPlan(_regime.Id, enter, int.MaxValue, null);
        var last = StayUntil(enter);
        return new StayPlan(_regime.Id, enter, last is { } l ? l.DayNumber - enter.DayNumber + 1 : 0, last);
    }

    public EarliestEntry Earliest(int days, DateOnly from)
    {
        _regime.EnsureApplies(from, "start date");
        if (days < 1 || days > Limit)
            throw new StayRuleException($"a stay of {days} days can never be lawful under {_regime.Name}: ask for 1 to {Limit} days");
        // Terminates: once every recorded day has left the window, a full-limit stay is always possible.
        for (var enter = from; ; enter = enter.AddDays(1))
            if (Exempt || StayUntil(enter) is { } last && last.DayNumber - enter.DayNumber + 1 >= days)
                return new EarliestEntry(_regime.Id, days, from, enter);
    }

    /// <summary>
    /// Assuming presence on every day from <paramref name="from"/> on (from included), the last day on which the
    /// window still holds no more than the limit; null when even <paramref name="from"/> would be over it.
    /// Only presence before <paramref name="from"/> is taken from the history. Old days roll out of the window
    /// while the traveller stays, so this is usually later than from + days remaining.
    /// </summary>
    public DateOnly? StayUntil(DateOnly from)
    {
        var start = from.DayNumber;
        var used = Timeline.DaysIn(start - Window + 1, start - 1) + 1;
        if (used > Limit) return null;
        var day = start;
        while (true)
        {
            var leaving = day + 1 - Window; // the day that drops out of the window ending tomorrow
            var tomorrow = used + 1 - (leaving < start && Timeline.IsPresent(leaving) ? 1 : 0);
            if (tomorrow > Limit) return DateOnly.FromDayNumber(day);
            used = tomorrow;
            day++;
        }
    }

    /// <summary>Every period of unlawful days in the whole (prepared) history, counted from the rule's effective date.</summary>
    public IReadOnlyList<Violation> Violations => _violations.Value;

    /// <summary>Days used, presence and lawfulness for every day in [from, to].</summary>
    public IEnumerable<DailyCount> Series(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var used = DaysUsed(day);
            var present = Timeline.IsPresent(day.DayNumber);
            yield return new DailyCount(day, used, present, present && used > Limit && day >= _regime.RuleEffectiveFrom);
        }
    }

    private IReadOnlyList<Violation> FindViolations()
    {
        var result = new List<Violation>();
        var effective = _regime.RuleEffectiveFrom.DayNumber;
        int? runStart = null, runEnd = null;
        foreach (var range in Timeline.Ranges)
        {
            for (var day = Math.Max(range.First, effective); day <= range.Last; day++)
            {
                if (Timeline.DaysIn(day - Window + 1, day) <= Limit) continue;
                if (runEnd == day - 1) { runEnd = day; continue; }
                Flush();
                runStart = runEnd = day;
            }
        }
        Flush();
        return result;

        void Flush()
        {
            if (runStart is { } s && runEnd is { } e)
                result.Add(new Violation(DateOnly.FromDayNumber(s), DateOnly.FromDayNumber(e), e - s + 1));
        }
    }
}
