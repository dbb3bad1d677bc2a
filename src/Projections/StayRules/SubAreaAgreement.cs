namespace Ledger.Projections.StayRules;

/// <summary>
/// A bilateral agreement that gives some nationalities a second count inside part of a regime's area (Denmark's
/// agreements: 90 days in any 180 in Denmark and the other Nordic states, after the Schengen 90 days were spent
/// elsewhere). Loaded from rulesets.json (<c>subAreaAgreements</c>).
///
/// Reading of its condition, day by day in time order: a run of consecutive days in the sub-area is under the agreement
/// when, the day before it began, the traveller had used the parent regime's whole limit (the window ending that day
/// held <c>limit</c> counted days or more) and none of those days was in the sub-area. Days under the agreement do not
/// count for the parent regime; they count for <see cref="Counter"/>, a rolling window of the agreement's own, whose
/// violations are days past the sub-count. Other sub-area days count for the parent regime as usual.
/// </summary>
public sealed record SubAreaAgreement(
    string Id, string Name, string ParentRegime, IReadOnlyList<string> Countries, IReadOnlySet<string> Nationals,
    int WindowDays, int LimitDays, DateOnly RuleEffectiveFrom, string Source, string ConditionSource)
{
    /// <summary>The sub-area's countries as a set: it is asked once per stay.</summary>
    public IReadOnlySet<string> CountrySet { get; } = System.Collections.Frozen.FrozenSet.ToFrozenSet(Countries);

    /// <summary>The sub-count as a rolling-window regime over the sub-area (for checks, plans and violations).</summary>
    public Regime Counter(Regime parent) =>
        new(Id, Name, WindowDays, LimitDays, RuleEffectiveFrom, Source,
            Countries.Select(c => new Membership(c, RuleEffectiveFrom, null, Source)).ToList(), parent.ExemptNationalities)
        { Records = parent.Records };

    public bool AppliesTo(IEnumerable<string> nationalities, Regime parent) =>
        nationalities.Any(Nationals.Contains) && !parent.DoesNotApplyTo(nationalities);

    /// <summary>
    /// Splits a history: the parent regime's (days under the agreement taken out, as permits of their countries) and the
    /// sub-count's (only days under the agreement). Unchanged when the agreement does not apply to the traveller.
    /// </summary>
    public (TravelHistory ForParent, TravelHistory UnderAgreement) Split(Regime parent, TravelHistory history, DateOnly openUntil)
    {
        if (!AppliesTo(history.NationalitiesOrEmpty, parent) || !history.Stays.Any(s => CountrySet.Contains(s.Country)))
            return (history, history with { Stays = [], Uncertain = null, Permits = null });
        var subArea = CountrySet;
        // Runs of consecutive days in the sub-area (certain presence only), per country piece, in time order.
        var pieces = history.Stays.Where(s => subArea.Contains(s.Country) && s.Entry >= RuleEffectiveFrom)
            .Select(s => (s.Country, Days: new DayRange(s.Entry.DayNumber, Math.Min(s.Exit?.DayNumber ?? openUntil.DayNumber, openUntil.DayNumber))))
            .Where(p => p.Days.Last >= p.Days.First).OrderBy(p => p.Days.First).ToList();
        var permits = history.PermitsOrEmpty.ToList();
        var under = new List<Stay>();
        var engine = new StayRuleEngine(parent);
        var i = 0;
        while (i < pieces.Count)
        {
            // One run: pieces that touch or overlap (a move from Denmark to Sweden keeps the traveller in the sub-area).
            var run = new List<(string Country, DayRange Days)> { pieces[i] };
            var end = pieces[i].Days.Last;
            for (i++; i < pieces.Count && pieces[i].Days.First <= end + 1; i++)
            {
                run.Add(pieces[i]);
                end = Math.Max(end, pieces[i].Days.Last);
            }
            var start = run[0].Days.First;
            var dayBefore = DateOnly.FromDayNumber(start - 1);
            var windowFirst = start - parent.WindowDays;
            // Only stays that reach into the window before the run can fill it.
            var near = history.Stays.Where(st => (st.Exit?.DayNumber ?? int.MaxValue) >= windowFirst && st.Entry.DayNumber < start).ToList();
            var prepared = engine.Prepare(new TravelHistory(near, permits, history.Nationalities), dayBefore);
            if (prepared.DaysUsed(dayBefore) < parent.LimitDays || SubAreaCounted(history.Stays, permits, windowFirst, start - 1)) continue;
            foreach (var (country, days) in run)
            {
                permits.Add(new Permit(country, days.FirstDate, days.LastDate));
                under.Add(new Stay(days.FirstDate, days.LastDate, country));
            }
        }
        return (history with { Permits = permits }, new TravelHistory(under, Nationalities: history.Nationalities));
    }

    /// <summary>Whether any day in [first, last] in the sub-area counted for the parent regime: present there and not under a permit of that country.</summary>
    private bool SubAreaCounted(IReadOnlyList<Stay> stays, IReadOnlyList<Permit> permits, int first, int last)
    {
        foreach (var stay in stays)
        {
            if (!CountrySet.Contains(stay.Country)) continue;
            if (new DayRange(stay.Entry.DayNumber, Math.Min(stay.Exit?.DayNumber ?? last, last)).Intersect(new DayRange(first, last)) is not { } inWindow) continue;
            IEnumerable<DayRange> left = [inWindow];
            foreach (var p in permits.Where(p => p.Country == stay.Country))
                left = left.SelectMany(r => r.Minus(DayRange.Of(p.First, p.Last))).ToList();
            if (left.Any()) return true;
        }
        return false;
    }
}
