using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Warnings;

/// <summary>
/// Where a traveller stands under the rules that are not rolling windows: every per-visit rule (UK visitor, Canada
/// visitor with the officer's <c>admittedUntil</c>, the US Visa Waiver Program without reset, ...) and every sub-area
/// count (the Nordic agreement) that counts some of their days. Built once per write from the history the write already
/// derived (<see cref="Traveller.Records"/>): admissions and the sub-area split are computed here once and shared by
/// overstay detection, the warnings due, the next scheduled check and the withdrawals. Pure.
/// </summary>
public sealed class VisitAndSubAreaStandings
{
    public static readonly VisitAndSubAreaStandings None = new([]);

    private VisitAndSubAreaStandings(IReadOnlyList<RuleStanding> rules) => Rules = rules;

    /// <summary>The rules that count some day of the traveller's: per-visit rules first, then sub-area counts, in rule-set order.</summary>
    public IReadOnlyList<RuleStanding> Rules { get; }

    public RuleStanding? Find(string ruleId)
    {
        foreach (var r in Rules)
            if (r.RuleId == ruleId) return r;
        return null;
    }

    /// <summary>Inside today under a sub-area agreement whose parent is <paramref name="regime"/>.</summary>
    public bool UnderAgreementOf(string regime)
    {
        foreach (var r in Rules)
            if (r is SubAreaStanding { Current: not null } sub && sub.ParentRegime == regime) return true;
        return false;
    }

    public static VisitAndSubAreaStandings Of(Traveller traveller, TravelHistory history, DateOnly today, RuleSet rules)
    {
        var found = new List<RuleStanding>();
        foreach (var rule in rules.VisitRules)
        {
            if (today < rule.RuleEffectiveFrom) continue;
            // Empty for a traveller the rule does not apply to, or who never entered its countries.
            var admissions = new VisitRuleEngine(rule).Admissions(VisitorDaysOnly(rule, traveller, history), today);
            if (admissions.Count > 0) found.Add(new VisitStanding(rule, admissions, traveller, history, today));
        }
        foreach (var agreement in rules.SubAreaAgreements)
        {
            if (today < agreement.RuleEffectiveFrom) continue;
            var parent = rules.Get(agreement.ParentRegime);
            if (!agreement.AppliesTo(history.NationalitiesOrEmpty, parent)) continue;
            // The same split status shows (open stays run on; every query below looks at days up to its own date only).
            var under = agreement.Split(parent, history, Regime.LatestControlDate).UnderAgreement;
            if (under.Stays.Count > 0) found.Add(new SubAreaStanding(agreement, parent, under, traveller, today, rules));
        }
        return found.Count == 0 ? None : new VisitAndSubAreaStandings(found);
    }

    /// <summary>
    /// The history with the days the traveller spent in the rule's countries under another permission taken out: a
    /// permit of one of them, or a visa one of them issued whose category (visa-categories.json) is not a visit or
    /// transit one (a UK student visa, a Canadian work permit), valid and not annulled (a revoked one until the day
    /// before its revocation). A visitor rule governs visitors only: the ledger never records an overstay against
    /// someone living there on a student or work permission. A stay that goes on after the permission ended is counted
    /// as a visit from the day after (the end of a permission is not judged here). Unchanged, and not copied, for
    /// the usual traveller with no such permission. Status uses the same days, so it never shows a visitor overstay
    /// that warnings and incidents do not.
    /// </summary>
    public static TravelHistory VisitorDaysOnly(VisitRule rule, Traveller traveller, TravelHistory history)
    {
        List<DayRange>? covered = null;
        foreach (var p in history.PermitsOrEmpty)
            if (rule.IsMemberOn(p.Country, p.First)) (covered ??= []).Add(DayRange.Of(p.First, p.Last));
        foreach (var v in traveller.Visas.Visas)
        {
            if (v.Status == VisaStatus.Annulled || !rule.IsMemberOn(v.IssuingState, v.ValidFrom) ||
                VisaCategories.Default.Find(v.IssuingState, v.Type) is not { Kind: not (PermissionKind.Visit or PermissionKind.Transit) }) continue;
            var last = v.Status == VisaStatus.Revoked && v.EndedOn is { } ended && ended.AddDays(-1) < v.ValidUntil ? ended.AddDays(-1) : v.ValidUntil;
            if (last >= v.ValidFrom) (covered ??= []).Add(DayRange.Of(v.ValidFrom, last));
        }
        if (covered is null) return history;

        var open = DateOnly.MaxValue.DayNumber; // an open stay's end while it is cut into pieces
        var stays = new List<Stay>(history.Stays.Count);
        foreach (var stay in history.Stays)
        {
            if (!rule.IsMemberOn(stay.Country, stay.Entry)) { stays.Add(stay); continue; }
            IEnumerable<DayRange> pieces = [new DayRange(stay.Entry.DayNumber, stay.Exit?.DayNumber ?? open)];
            foreach (var c in covered) pieces = pieces.SelectMany(piece => piece.Minus(c)).ToList();
            foreach (var piece in pieces)
                stays.Add(stay with { Entry = piece.FirstDate, Exit = piece.Last == open ? null : piece.LastDate });
        }
        return history with { Stays = stays };
    }
}

/// <summary>
/// The traveller's current visit under a rule, today: the crossing it rests on (the stay's entry; for us-vwp the entry
/// that began the admission a no-reset trip continued; for a sub-area count the entry into the parent area), the first
/// day counted, the days allowed, days used and left, and the last lawful day staying on (null: already over).
/// </summary>
public sealed record CurrentVisit(Crossing Entry, DateOnly CountFrom, int LimitDays, int DaysUsed, int DaysRemaining, DateOnly? LastLawfulDay);

/// <summary>One per-visit rule or sub-area count applied to one traveller's records.</summary>
public abstract class RuleStanding
{
    public abstract string RuleId { get; }

    /// <summary>Runs of unlawful days up to today, on certain presence only (the lower figure), as for the rolling regimes.</summary>
    public abstract IReadOnlyList<Violation> Violations { get; }

    /// <summary>The limit an overstay passed, in words, for an incident's description.</summary>
    public abstract string LimitText { get; }

    /// <summary>Inside under this rule today, and where the visit stands; null when outside.</summary>
    public abstract CurrentVisit? Current { get; }

    /// <summary>The country the traveller was counted in on <paramref name="day"/> (an incident's jurisdiction), or null.</summary>
    public abstract string? CountryOn(DateOnly day);

    /// <summary>
    /// With the records as they now stand: whether the traveller was counted under this rule on <paramref name="day"/>
    /// (a day up to today) and the last lawful day staying on from it (null: already over). For withdrawals.
    /// </summary>
    public abstract (bool Counted, DateOnly? LastLawfulDay) On(DateOnly day);
}

/// <summary>A per-visit rule: the admissions the engine derived once, up to today.</summary>
internal sealed class VisitStanding : RuleStanding
{
    private readonly VisitRule _rule;
    private readonly IReadOnlyList<Admission> _admissions;
    private readonly TravelHistory _history;

    public VisitStanding(VisitRule rule, IReadOnlyList<Admission> admissions, Traveller traveller, TravelHistory history, DateOnly today)
    {
        _rule = rule;
        _admissions = admissions;
        _history = history;
        Violations = VisitRuleEngine.Violations(admissions, today).Where(v => rule.InForceOn(v.From)).ToList();
        Current = rule.InForceOn(today) ? CurrentOf(traveller, today) : null;
    }

    public override string RuleId => _rule.Id;
    public override IReadOnlyList<Violation> Violations { get; }
    public override CurrentVisit? Current { get; }
    public override string LimitText => $"the period one admission allows under {_rule.Name}";

    public override string? CountryOn(DateOnly day)
    {
        foreach (var s in _history.Stays)
            if (s.Entry <= day && (s.Exit is null || day <= s.Exit) && _rule.IsMemberOn(s.Country, s.Entry)) return s.Country;
        return null;
    }

    public override (bool Counted, DateOnly? LastLawfulDay) On(DateOnly day) =>
        PresentOn(day) is { } a ? (true, a.LastLawfulDay >= day ? a.LastLawfulDay : null) : (false, null);

    private Admission? PresentOn(DateOnly day)
    {
        for (var i = _admissions.Count - 1; i >= 0; i--)
            if (_admissions[i].IsPresentOn(day)) return _admissions[i];
        return null;
    }

    /// <summary>
    /// Inside: present today under an admission, and the last crossing of the rule's countries is an entry (an exit
    /// recorded today means the traveller is leaving). The warning rests on the entry that began the admission.
    /// </summary>
    private CurrentVisit? CurrentOf(Traveller traveller, DateOnly today)
    {
        if (PresentOn(today) is not { } admission) return null;
        Crossing? latest = null, began = null;
        foreach (var c in traveller.Crossings.Current)
        {
            if (!_rule.IsMemberOn(c.Country, c.Date)) continue;
            if (latest is null || Crossing.ByWhenItHappened.Compare(c, latest) > 0) latest = c;
            if (c.Direction == Direction.Entry && c.Date == admission.AdmittedOn &&
                (began is null || Crossing.ByWhenItHappened.Compare(c, began) < 0)) began = c;
        }
        if (latest is not { Direction: Direction.Entry }) return null;
        var last = admission.LastLawfulDay;
        return new CurrentVisit(began ?? latest, admission.AdmittedOn, last.DayNumber - admission.AdmittedOn.DayNumber + 1,
            today.DayNumber - admission.AdmittedOn.DayNumber + 1, Math.Max(0, last.DayNumber - today.DayNumber), last >= today ? last : null);
    }
}

/// <summary>A sub-area count: the days under the agreement as a rolling window of its own, prepared once.</summary>
internal sealed class SubAreaStanding : RuleStanding
{
    private readonly SubAreaAgreement _agreement;
    private readonly TravelHistory _under;
    private readonly PreparedHistory _prepared;

    public SubAreaStanding(SubAreaAgreement agreement, Regime parent, TravelHistory under, Traveller traveller, DateOnly today, RuleSet rules)
    {
        _agreement = agreement;
        _under = under;
        _prepared = new StayRuleEngine(agreement.Counter(parent)).Prepare(under, today);
        Current = CurrentOf(traveller, parent, today, rules);
    }

    public override string RuleId => _agreement.Id;
    public string ParentRegime => _agreement.ParentRegime;
    public override IReadOnlyList<Violation> Violations => _prepared.Violations;
    public override CurrentVisit? Current { get; }
    public override string LimitText => $"the {_agreement.LimitDays}-day limit of {_agreement.Name}";

    public override string? CountryOn(DateOnly day)
    {
        foreach (var s in _under.Stays)
            if (s.Entry <= day && (s.Exit is null || day <= s.Exit)) return s.Country;
        return null;
    }

    public override (bool Counted, DateOnly? LastLawfulDay) On(DateOnly day) =>
        _prepared.Timeline.IsPresent(day.DayNumber) ? (true, _prepared.StayUntil(day)) : (false, null);

    /// <summary>Inside: today is a day under the agreement and the traveller is inside the parent area (its last crossing an entry).</summary>
    private CurrentVisit? CurrentOf(Traveller traveller, Regime parent, DateOnly today, RuleSet rules)
    {
        if (!_prepared.Timeline.IsPresent(today.DayNumber)) return null;
        if (WarningRules.CurrentEntry(traveller, parent, rules) is not { } entry || entry.Date > today) return null;
        var used = _prepared.DaysUsed(today);
        return new CurrentVisit(entry, today.AddDays(-(_agreement.WindowDays - 1)), _agreement.LimitDays, used,
            Math.Max(0, _agreement.LimitDays - used), _prepared.StayUntil(today));
    }
}
