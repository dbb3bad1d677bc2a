using Ledger.Projections.StayRules;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Itineraries;

/// <summary>A planned presence in <see cref="Country"/> from <see cref="From"/> to <see cref="To"/>, both days included, entered <see cref="By"/> air (default), land or sea.</summary>
public sealed record Leg(string Country, DateOnly From, DateOnly To, TravelMode By = TravelMode.Air);

/// <summary>
/// The answer for one leg. <see cref="Rules"/>: the ids of the rules that count its days (by country, for this
/// traveller's nationalities). <see cref="LatestLawfulLastDay"/>: the last day a stay entered on <see cref="From"/> may
/// last; <see cref="EarliestLawfulFirstDay"/>: the first day on or after <see cref="From"/> on which a stay as long as
/// this leg would be lawful (null when none within the rules' reach). <see cref="DaysUsedBefore"/>/<see cref="DaysUsedAfter"/>:
/// the binding rule's count the day before the leg and on its last day.
/// </summary>
public sealed record LegResult(
    string Country, DateOnly From, DateOnly To, IReadOnlyList<string> Rules, bool Lawful, DateOnly? FirstUnlawfulDay,
    DateOnly? LatestLawfulLastDay, DateOnly? EarliestLawfulFirstDay, string? CoveredBy, IReadOnlyList<string> Lacking,
    int DaysUsedBefore, int DaysUsedAfter)
{
    /// <summary>The leg starts before today (the service's clock): it is answered as a plan all the same, from the record as it stands.</summary>
    public bool Past { get; init; }

    /// <summary>What the answer rests on that its figures do not say (a leg in the past, an open stay on the record), in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How the leg is entered (air, land, sea): travel authorisations are needed by some modes only.</summary>
    public TravelMode By { get; init; } = TravelMode.Air;
}

public sealed record ItineraryAnswer(IReadOnlyList<LegResult> Legs);

/// <summary>One rule's answer for one leg.</summary>
internal sealed record RuleAnswer(string RuleId, DateOnly? LastDay, DateOnly? Earliest, int Before, int After);

/// <summary>
/// "May I make these trips with what I hold?" Pure: the legs are checked in order, each on the history plus the legs
/// before it; nothing is recorded. Rules come from the rule set (rolling windows and per-visit rules), the visa
/// requirement lists decide whether a visa is needed, <see cref="VisaCoverage"/> whether a held one covers the leg.
/// </summary>
public static class ItineraryCheck
{
    /// <param name="authorisations">
    /// The travel authorisation schemes and the traveller's authorisations: with them a leg needing an authorisation
    /// (ESTA, ETA, eTA, ...) and covered by none valid on its entry day is not lawful, and lacks "travelAuthorisation:SCHEME";
    /// without them (inline checks, stored plans) authorisations are not checked.
    /// </param>
    public static ItineraryAnswer Run(RuleSet rules, TravelHistory history, IReadOnlyList<Visa> visas, IReadOnlyList<Leg> legs, AuthorisationCheck? authorisations = null)
    {
        var nationalities = history.NationalitiesOrEmpty;
        // Stays that ended long before the first leg cannot change any rolling count, agreement or admission around the
        // legs: two windows back covers the window before a leg and the windows that decided the agreement runs in it
        // (runs decided earlier already carry their permits). Visas look at the whole history.
        var longest = rules.Regimes.Select(r => r.WindowDays).Concat(rules.SubAreaAgreements.Select(a => a.WindowDays)).DefaultIfEmpty(0).Max();
        var horizon = legs.Count == 0 ? 0 : legs.Min(l => l.From.DayNumber) - 2 * longest - 1;
        var stays = history.Stays.Where(s => (s.Exit?.DayNumber ?? int.MaxValue) >= horizon).ToList();
        var allStays = history.Stays.ToList();
        var results = new List<LegResult>(legs.Count);
        foreach (var leg in legs)
        {
            if (leg.To < leg.From) throw new StayRuleException($"leg in {leg.Country} ends {leg.To:yyyy-MM-dd} before it starts {leg.From:yyyy-MM-dd}");
            var rawBefore = history with { Stays = stays };
            var rawWithLeg = history with { Stays = [.. stays, new Stay(leg.From, leg.To, leg.Country)] };
            var before = rules.WithAgreements(rawBefore);
            var withLeg = rules.WithAgreements(rawWithLeg);
            var answers = new List<RuleAnswer>();
            string? area = null;

            foreach (var regime in rules.Regimes.Where(r => r.IsMemberOn(leg.Country, leg.From) && !r.DoesNotApplyTo(nationalities)
                         && leg.From >= r.RuleEffectiveFrom && (r.RuleEffectiveTo is null || leg.From <= r.RuleEffectiveTo)))
            {
                area ??= regime.Id;
                // A leg under a sub-area agreement counts for the agreement's own window instead of the regime's.
                var agreement = rules.SubAreaAgreements.FirstOrDefault(a => a.ParentRegime == regime.Id && a.CountrySet.Contains(leg.Country)
                    && leg.From >= a.RuleEffectiveFrom && a.AppliesTo(nationalities, regime));
                if (agreement is not null)
                {
                    var underWithLeg = agreement.Split(regime, rawWithLeg, Regime.LatestControlDate).UnderAgreement;
                    if (underWithLeg.Stays.Any(s => s.Country == leg.Country && s.Entry <= leg.From && leg.From <= s.Exit))
                    {
                        var underBefore = agreement.Split(regime, rawBefore, Regime.LatestControlDate).UnderAgreement;
                        answers.Add(Rolling(agreement.Counter(regime), underBefore, underWithLeg, leg));
                        continue;
                    }
                }
                answers.Add(Rolling(regime, Relevant(before, leg.From, regime.WindowDays), Relevant(withLeg, leg.From, regime.WindowDays), leg));
            }
            foreach (var rule in rules.VisitRules.Where(r => r.IsMemberOn(leg.Country, leg.From) && r.InForceOn(leg.From) && !r.DoesNotApplyTo(nationalities)))
            {
                answers.Add(PerVisit(rule, before, leg));
                area ??= rule.Id;
            }

            var coverage = Visa(rules, history with { Stays = allStays }, visas, leg, nationalities);
            // The binding rule is the one whose lawful stay ends first; a visa needed and held can end it sooner.
            var binding = answers.OrderBy(a => a.LastDay ?? DateOnly.MinValue).FirstOrDefault();
            var limited = binding is not null || coverage is not null;
            DateOnly? latest = binding?.LastDay;
            if (coverage is not null && (binding is null || latest is not null))
                latest = coverage.LastCoveredDay is { } covered && (binding is null || covered < latest) ? covered
                    : coverage.LastCoveredDay is null ? null : latest;
            var lawful = !limited || latest >= leg.To && (coverage is null || coverage.Lacking.Count == 0);
            DateOnly? firstUnlawful = lawful ? null : latest is { } l && l >= leg.From ? l.AddDays(1) : leg.From;
            var earliest = answers.Count == 0 ? leg.From : answers.Any(a => a.Earliest is null) ? (DateOnly?)null : answers.Max(a => a.Earliest!.Value);
            // A visa-free leg may still need a travel authorisation valid on its entry day: without one the entry itself is refused.
            var authorisation = coverage is null && authorisations is not null
                ? AuthorisationCoverage.Assess(authorisations, rules, history, visas, leg.Country, leg.From, leg.By)
                : null;
            if (authorisation is { Lacking.Count: > 0 })
            {
                lawful = false;
                firstUnlawful = leg.From;
            }

            results.Add(new LegResult(leg.Country, leg.From, leg.To, answers.Select(a => a.RuleId).ToList(), lawful, firstUnlawful,
                latest, earliest, coverage?.VisaId ?? authorisation?.CoveredBy, [.. coverage?.Lacking ?? [], .. authorisation?.Lacking ?? []],
                binding?.Before ?? 0, binding?.After ?? 0) { By = leg.By });
            stays.Add(new Stay(leg.From, leg.To, leg.Country));
            allStays.Add(new Stay(leg.From, leg.To, leg.Country));
        }
        return new ItineraryAnswer(results);
    }

    /// <summary>Stays that can touch a window ending on or after the day before <paramref name="from"/>: the rest cannot change any answer.</summary>
    private static TravelHistory Relevant(TravelHistory history, DateOnly from, int windowDays)
    {
        var horizon = from.DayNumber - windowDays - 1;
        if (history.Stays.All(s => (s.Exit?.DayNumber ?? int.MaxValue) >= horizon)) return history;
        return history with { Stays = history.Stays.Where(s => (s.Exit?.DayNumber ?? int.MaxValue) >= horizon).ToList() };
    }

    private static RuleAnswer Rolling(Regime regime, TravelHistory before, TravelHistory withLeg, Leg leg)
    {
        var engine = new StayRuleEngine(regime);
        // One preparation serves all: stayUntil and the count before read only days before the leg; earliest needs
        // every recorded day (knownUntil: all); open stays end the day before the leg.
        var prepared = engine.Prepare(before, leg.From.AddDays(-1), knownUntil: DateOnly.MaxValue);
        var last = prepared.StayUntil(leg.From);
        var length = leg.To.DayNumber - leg.From.DayNumber + 1;
        DateOnly? earliest = length > regime.LimitDays ? null : prepared.Earliest(length, leg.From).EarliestEntryDate;
        var used = prepared.DaysUsedIfPresent(leg.From.AddDays(-1));
        int after;
        if (withLeg.PermitsOrEmpty.Any(p => p.Country == leg.Country && p.Last >= leg.From && p.First <= leg.To)
            || regime.MembershipsOf(leg.Country).All(m => m.To is not { } end || end >= leg.To) is false)
            after = engine.Prepare(withLeg, leg.To).DaysUsedIfPresent(leg.To);
        else
        {
            // The window ending on the leg's last day: what was there, plus the leg's days in it not already present.
            var first = leg.To.DayNumber - regime.WindowDays + 1;
            var legFirst = Math.Max(first, leg.From.DayNumber);
            var there = prepared.Upper.DaysIn(first, leg.To.DayNumber);
            after = there + (leg.To.DayNumber - legFirst + 1) - prepared.Upper.DaysIn(legFirst, leg.To.DayNumber);
        }
        return new RuleAnswer(regime.Id, last, earliest, used, after);
    }

    private static RuleAnswer PerVisit(VisitRule rule, TravelHistory before, Leg leg)
    {
        var engine = new VisitRuleEngine(rule);
        var dayBefore = leg.From.AddDays(-1);
        var admissions = engine.Admissions(before, dayBefore);
        var noReset = rule.Kind == RuleKind.PerVisitWithoutReset ? engine.NoResetPresence(before, dayBefore) : [];
        var governing = engine.Governing(admissions, leg.From, noReset);
        var admittedOn = governing?.AdmittedOn ?? leg.From;
        var last = governing?.LastLawfulDay ?? rule.DefaultLastDay(leg.From);
        var length = leg.To.DayNumber - leg.From.DayNumber + 1;

        // The earliest first day: now if this admission allows the whole leg; else the first day a new admission can
        // begin (after the current one's last day: a return within it continues it) that allows it.
        DateOnly? earliest = null;
        if (last >= leg.To) earliest = leg.From;
        else
        {
            var start = governing is null ? leg.From : DateOnly.FromDayNumber(Math.Max(leg.From.DayNumber, governing.LastLawfulDay.DayNumber + 1));
            if (governing is not null && governing.LastPresent >= dayBefore.DayNumber && start == leg.From) start = leg.From.AddDays(1);
            if (rule.DaysAllowedFrom(start) >= length) earliest = start;
        }
        return new RuleAnswer(rule.Id, last >= leg.From ? last : null, earliest,
            governing is null ? 0 : leg.From.DayNumber - admittedOn.DayNumber,
            leg.To.DayNumber - admittedOn.DayNumber + 1);
    }

    /// <summary>Null when no visa requirement list covers the leg's area or the traveller needs no visa there.</summary>
    private static Coverage? Visa(RuleSet rules, TravelHistory before, IReadOnlyList<Visa> visas, Leg leg, IReadOnlyList<string> nationalities)
    {
        if (nationalities.Contains(leg.Country)) return null;
        foreach (var requirement in rules.VisaRequirements.Where(r => r.From <= leg.From))
        {
            Func<string, bool> inArea;
            IReadOnlySet<string> exempt;
            if (rules.Regimes.FirstOrDefault(r => r.Id == requirement.Area) is { } regime)
            {
                if (!regime.IsMemberOn(leg.Country, leg.From)) continue;
                inArea = c => regime.IsMemberOn(c, leg.From);
                exempt = regime.ExemptNationalities;
            }
            else if (rules.VisitRules.FirstOrDefault(r => r.Id == requirement.Area) is { } rule)
            {
                if (!rule.IsMemberOn(leg.Country, leg.From)) continue;
                inArea = c => rule.IsMemberOn(c, leg.From);
                exempt = rule.ExemptNationalities;
            }
            else
            {
                if (requirement.Area != leg.Country) continue;
                inArea = c => c == leg.Country;
                exempt = new HashSet<string>();
            }
            if (nationalities.Any(exempt.Contains) || requirement.IsVisaFree(nationalities, leg.From)) return null;

            var areaStays = before.Stays.Where(s => inArea(s.Country)).ToList();
            var continuing = areaStays.Any(s => s.Entry <= leg.From.AddDays(-1) && (s.Exit is null || s.Exit >= leg.From.AddDays(-1)));
            return VisaCoverage.Assess(visas, inArea, leg.From, leg.To, newEntry: !continuing,
                (a, b) => DaysIn(areaStays, a, b), (a, b) => areaStays.Count(s => s.Entry >= a && s.Entry <= b));
        }
        return null;
    }

    private static int DaysIn(IReadOnlyList<Stay> stays, DateOnly first, DateOnly last)
    {
        if (last < first) return 0;
        var ranges = stays.Select(s => new DayRange(Math.Max(s.Entry.DayNumber, first.DayNumber), Math.Min(s.Exit?.DayNumber ?? last.DayNumber, last.DayNumber)))
            .Where(r => r.Last >= r.First).OrderBy(r => r.First);
        var total = 0;
        var covered = int.MinValue;
        foreach (var r in ranges)
        {
            var start = Math.Max(r.First, covered + 1);
            if (r.Last >= start) { total += r.Last - start + 1; covered = r.Last; }
        }
        return total;
    }
}
