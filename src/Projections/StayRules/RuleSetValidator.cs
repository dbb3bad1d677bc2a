using System.Globalization;
using Ledger.Projections.Crossings;

namespace Ledger.Projections.StayRules;

/// <summary>Turns the file's shape into regimes, collecting every problem so that one start-up shows them all.</summary>
internal sealed class RuleSetValidator(string sourceName)
{
    private readonly List<string> _problems = [];

    public RuleSet Validate(RuleSetFile? file)
    {
        if (file is null) Fail("", "the file is empty");
        if (string.IsNullOrWhiteSpace(file?.Version)) Fail("version", "is required");
        if (file?.Regimes is null || file.Regimes.Count == 0) Fail("regimes", "at least one regime is required");
        var records = file?.Records is null ? Missing("records") : ValidateRecords(file.Records, "records", 3650);

        var regimes = new List<Regime>();
        var visitRules = new List<VisitRule>();
        for (var i = 0; i < (file?.Regimes?.Count ?? 0); i++)
        {
            var entry = file!.Regimes![i];
            var path = $"regimes[{i}]";
            switch (ParseKind(entry.Kind, $"{path}.kind"))
            {
                case RuleKind.RollingWindow:
                    if (ValidateRegime(entry, path, records) is { } regime) regimes.Add(regime);
                    break;
                case { } kind:
                    if (ValidateVisitRule(entry, kind, path) is { } rule) visitRules.Add(rule);
                    break;
            }
        }
        foreach (var dup in regimes.Select(r => r.Id).Concat(visitRules.Select(r => r.Id))
                     .GroupBy(id => id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Fail("regimes", $"regime id '{dup.Key}' appears more than once");

        var areas = regimes.Select(r => r.Id).Concat(visitRules.Select(r => r.Id)).ToHashSet(StringComparer.Ordinal);
        var requirements = new List<VisaRequirement>();
        for (var i = 0; i < (file?.VisaRequirements?.Count ?? 0); i++)
            if (ValidateVisaRequirement(file!.VisaRequirements![i], $"visaRequirements[{i}]", areas) is { } requirement)
                requirements.Add(requirement);

        var agreements = new List<SubAreaAgreement>();
        for (var i = 0; i < (file?.SubAreaAgreements?.Count ?? 0); i++)
            if (ValidateAgreement(file!.SubAreaAgreements![i], $"subAreaAgreements[{i}]", regimes) is { } agreement)
                agreements.Add(agreement);

        if (_problems.Count > 0)
            throw new RuleSetException($"{sourceName} is invalid: {string.Join("; ", _problems)}");
        return RuleSet.Create(file!.Version!, regimes, records!, visitRules, requirements, agreements);
    }

    private RuleKind? ParseKind(string? kind, string path)
    {
        if (kind is null) return RuleKind.RollingWindow;
        if (Enum.TryParse<RuleKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _)) return k;
        Fail(path, $"'{kind}' is not a rule kind (rollingWindow, perVisit, perVisitWithoutReset)");
        return null;
    }

    /// <summary>A per-visit rule: its limit (days or months), its countries and who it applies to, each with its citation.</summary>
    private VisitRule? ValidateVisitRule(RegimeFile r, RuleKind kind, string path)
    {
        var before = _problems.Count;
        if (string.IsNullOrWhiteSpace(r.Id)) Fail($"{path}.id", "is required");
        if (string.IsNullOrWhiteSpace(r.Name)) Fail($"{path}.name", "is required");
        if (r.WindowDays is not null) Fail($"{path}.windowDays", "applies to rollingWindow rules only");
        if (r.Records is not null) Fail($"{path}.records", "applies to rollingWindow rules only");
        if ((r.LimitDays is null) == (r.LimitMonths is null)) Fail($"{path}.limitDays", "exactly one of limitDays and limitMonths is required");
        if (r.LimitDays is < 1 or > 3660) Fail($"{path}.limitDays", "must be between 1 and 3660 days");
        if (r.LimitMonths is < 1 or > 120) Fail($"{path}.limitMonths", "must be between 1 and 120 months");
        if (string.IsNullOrWhiteSpace(r.LastDaySource)) Fail($"{path}.lastDaySource", "must say where the reading of the last lawful day comes from");
        var effective = ParseDate(r.RuleEffectiveFrom, $"{path}.ruleEffectiveFrom");
        DateOnly? effectiveTo = r.RuleEffectiveTo is null ? null : ParseDate(r.RuleEffectiveTo, $"{path}.ruleEffectiveTo");
        if (effective is { } f && effectiveTo is { } t && t < f) Fail($"{path}.ruleEffectiveTo", "is before ruleEffectiveFrom");
        if (string.IsNullOrWhiteSpace(r.RuleSource)) Fail($"{path}.ruleSource", "must cite the legal source");
        var members = ValidateMembers(r.Members, $"{path}.members");
        var exempt = Codes(r.ExemptNationalities, $"{path}.exemptNationalities");
        IReadOnlySet<string>? appliesTo = null;
        if (r.AppliesTo is not null)
        {
            appliesTo = RuleSet.ToSet(Codes(r.AppliesTo, $"{path}.appliesTo"));
            if (string.IsNullOrWhiteSpace(r.AppliesToSource)) Fail($"{path}.appliesToSource", "must cite who the rule applies to");
        }
        if (r.OfficerMaySetDate == true && string.IsNullOrWhiteSpace(r.OfficerMaySetDateSource))
            Fail($"{path}.officerMaySetDateSource", "must cite the officer's power to set another date");
        var noReset = Codes(r.NoResetCountries, $"{path}.noResetCountries");
        if (kind == RuleKind.PerVisitWithoutReset)
        {
            if (noReset.Count == 0) Fail($"{path}.noResetCountries", "at least one country is required for perVisitWithoutReset");
            if (string.IsNullOrWhiteSpace(r.NoResetSource)) Fail($"{path}.noResetSource", "must cite the rule that trips there do not restart the count");
        }
        else if (r.NoResetCountries is not null) Fail($"{path}.noResetCountries", "applies to perVisitWithoutReset rules only");

        if (_problems.Count > before) return null;
        return new VisitRule(r.Id!, r.Name!, kind, r.LimitDays, r.LimitMonths, effective!.Value, effectiveTo, r.RuleSource!,
            members, RuleSet.ToSet(exempt), appliesTo, r.OfficerMaySetDate == true, RuleSet.ToSet(noReset));
    }

    /// <summary>
    /// A dated visa requirement list: the area it is for, its citation, and either the visa-free states or the states
    /// whose nationals need a visa (a visa-national list), each with its own citation or the list's.
    /// </summary>
    private VisaRequirement? ValidateVisaRequirement(VisaRequirementFile v, string path, IReadOnlySet<string> areas)
    {
        var before = _problems.Count;
        if (v.Area is null || !(areas.Contains(v.Area) || CountryCodes.IsKnown(v.Area)))
            Fail($"{path}.area", $"'{v.Area}' is neither a rule id nor an ISO 3166-1 alpha-2 country code");
        if (string.IsNullOrWhiteSpace(v.Name)) Fail($"{path}.name", "is required");
        var from = ParseDate(v.From, $"{path}.from");
        if (string.IsNullOrWhiteSpace(v.Source)) Fail($"{path}.source", "must cite the legal source of the list");
        if ((v.VisaFree?.Count ?? 0) > 0 && (v.VisaRequired?.Count ?? 0) > 0)
            Fail($"{path}.visaRequired", "a list names either the visa-free states or the states that need a visa, not both");
        if ((v.VisaFree?.Count ?? 0) == 0 && (v.VisaRequired?.Count ?? 0) == 0)
            Fail($"{path}.visaFree", "at least one state is required (in visaFree or visaRequired)");
        var free = ListedStates(v.VisaFree, $"{path}.visaFree", v.Source);
        var required = ListedStates(v.VisaRequired, $"{path}.visaRequired", v.Source);
        if (_problems.Count > before) return null;
        return new VisaRequirement(v.Area!, v.Name!, from!.Value, v.Source!, free) { RequiredOnlyFor = required };
    }

    private List<VisaFreeEntry> ListedStates(List<VisaFreeFile>? entries, string path, string? listSource)
    {
        var listed = new List<VisaFreeEntry>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var e = entries![i];
            var ePath = $"{path}[{i}]";
            var country = Country(e.Country, $"{ePath}.country");
            DateOnly? efrom = e.From is null ? null : ParseDate(e.From, $"{ePath}.from");
            DateOnly? eto = e.To is null ? null : ParseDate(e.To, $"{ePath}.to");
            if (efrom is { } a && eto is { } b && b < a) Fail($"{ePath}.to", "is before from");
            // An entry without its own citation falls under the list's; an empty one is refused.
            if (e.Source is not null && string.IsNullOrWhiteSpace(e.Source)) Fail($"{ePath}.source", "must cite the legal source or be left out");
            if (country is not null) listed.Add(new VisaFreeEntry(country, efrom ?? DateOnly.MinValue, eto, e.Source ?? listSource ?? ""));
        }
        foreach (var dup in listed.Select(e => new Membership(e.Country, e.From, e.To, e.Source)).GroupBy(m => m.Country).Where(HasOverlap))
            Fail(path, $"{dup.Key} is listed more than once for overlapping periods");
        return listed;
    }

    /// <summary>A sub-area agreement: a rolling-window parent, sub-area countries inside it, nationals, its own limit, each cited.</summary>
    private SubAreaAgreement? ValidateAgreement(AgreementFile a, string path, IReadOnlyList<Regime> regimes)
    {
        var before = _problems.Count;
        if (string.IsNullOrWhiteSpace(a.Id)) Fail($"{path}.id", "is required");
        if (string.IsNullOrWhiteSpace(a.Name)) Fail($"{path}.name", "is required");
        var parent = regimes.FirstOrDefault(r => r.Id == a.ParentRegime);
        if (parent is null) Fail($"{path}.parentRegime", $"'{a.ParentRegime}' is not a rollingWindow regime of this file");
        if (a.WindowDays is null or < 1) Fail($"{path}.windowDays", "must be a positive number of days");
        if (a.LimitDays is null or < 1 || a.LimitDays > a.WindowDays) Fail($"{path}.limitDays", "must be between 1 and windowDays");
        var effective = ParseDate(a.RuleEffectiveFrom, $"{path}.ruleEffectiveFrom");
        if (string.IsNullOrWhiteSpace(a.Source)) Fail($"{path}.source", "must cite the official source of the agreement");
        if (string.IsNullOrWhiteSpace(a.ConditionSource)) Fail($"{path}.conditionSource", "must cite the source of its conditions");
        var countries = Codes(a.Countries, $"{path}.countries");
        if (countries.Count == 0) Fail($"{path}.countries", "at least one country is required");
        if (parent is not null && effective is { } from)
            foreach (var c in countries.Where(c => !parent.IsMemberOn(c, from)))
                Fail($"{path}.countries", $"{c} is not a member of {parent.Id} on {from:yyyy-MM-dd}");
        var nationals = Codes(a.Nationals, $"{path}.nationals");
        if (nationals.Count == 0) Fail($"{path}.nationals", "at least one nationality is required");
        if (_problems.Count > before) return null;
        return new SubAreaAgreement(a.Id!, a.Name!, parent!.Id, countries, RuleSet.ToSet(nationals), a.WindowDays!.Value, a.LimitDays!.Value,
            effective!.Value, a.Source!, a.ConditionSource!);
    }

    private List<string> Codes(List<string>? codes, string path)
    {
        var valid = new List<string>();
        for (var i = 0; i < (codes?.Count ?? 0); i++)
            if (Country(codes![i], $"{path}[{i}]") is { } c) valid.Add(c);
        return valid;
    }

    private Regime? ValidateRegime(RegimeFile r, string path, RecordRules? defaultRecords)
    {
        var before = _problems.Count;
        if (string.IsNullOrWhiteSpace(r.Id)) Fail($"{path}.id", "is required");
        if (string.IsNullOrWhiteSpace(r.Name)) Fail($"{path}.name", "is required");
        if (r.WindowDays is null or < 1) Fail($"{path}.windowDays", "must be a positive number of days");
        if (r.LimitDays is null or < 1 || r.LimitDays > r.WindowDays) Fail($"{path}.limitDays", "must be between 1 and windowDays");
        var effective = ParseDate(r.RuleEffectiveFrom, $"{path}.ruleEffectiveFrom");
        // A regime without its own reading of incomplete records uses the top-level one.
        var records = r.Records is null ? defaultRecords : ValidateRecords(r.Records, $"{path}.records", r.WindowDays ?? 3650);
        if (string.IsNullOrWhiteSpace(r.RuleSource)) Fail($"{path}.ruleSource", "must cite the legal source");
        var members = ValidateMembers(r.Members, $"{path}.members");

        var exempt = new List<string>();
        for (var i = 0; i < (r.ExemptNationalities?.Count ?? 0); i++)
            if (Country(r.ExemptNationalities![i], $"{path}.exemptNationalities[{i}]") is { } c) exempt.Add(c);

        for (var i = 0; i < (r.NotMembers?.Count ?? 0); i++)
        {
            var outside = Country(r.NotMembers![i].Country, $"{path}.notMembers[{i}].country");
            if (outside is not null && members.Any(m => m.Country == outside))
                Fail($"{path}.notMembers[{i}]", $"{outside} is listed both as a member and as outside");
        }

        if (r.LimitMonths is not null) Fail($"{path}.limitMonths", "applies to perVisit rules only");
        if (r.NoResetCountries is not null) Fail($"{path}.noResetCountries", "applies to perVisitWithoutReset rules only");
        DateOnly? effectiveTo = r.RuleEffectiveTo is null ? null : ParseDate(r.RuleEffectiveTo, $"{path}.ruleEffectiveTo");
        if (effective is { } ef && effectiveTo is { } et && et < ef) Fail($"{path}.ruleEffectiveTo", "is before ruleEffectiveFrom");
        IReadOnlySet<string>? appliesTo = null;
        if (r.AppliesTo is not null)
        {
            appliesTo = RuleSet.ToSet(Codes(r.AppliesTo, $"{path}.appliesTo"));
            if (string.IsNullOrWhiteSpace(r.AppliesToSource)) Fail($"{path}.appliesToSource", "must cite who the rule applies to");
        }

        if (_problems.Count > before) return null;
        return new Regime(r.Id!, r.Name!, r.WindowDays!.Value, r.LimitDays!.Value, effective!.Value, r.RuleSource!,
            members, RuleSet.ToSet(exempt)) { Records = records!, AppliesTo = appliesTo, RuleEffectiveTo = effectiveTo };
    }

    private RecordRules? Missing(string path)
    {
        Fail(path, "is required (how incomplete or contradictory crossing records are read)");
        return null;
    }

    /// <summary>Look-back, same-crossing tolerance and source precedence: each with its citation; periods cover every day once.</summary>
    private RecordRules? ValidateRecords(RecordsFile r, string path, int maxLookBack)
    {
        var before = _problems.Count;
        if (r.MissingEntryLookBackDays is null or < 1 || r.MissingEntryLookBackDays > maxLookBack)
            Fail($"{path}.missingEntryLookBackDays", $"must be between 1 and {maxLookBack} days");
        if (string.IsNullOrWhiteSpace(r.LookBackSource)) Fail($"{path}.lookBackSource", "must cite the source of the presumption");
        if (r.SameCrossingWithinDays is null or < 1 or > 7) Fail($"{path}.sameCrossingWithinDays", "must be between 1 and 7 days");
        if (string.IsNullOrWhiteSpace(r.SameCrossingSource)) Fail($"{path}.sameCrossingSource", "must cite the source of the presumption");
        if (r.SourcePrecedence is null || r.SourcePrecedence.Count == 0) Fail($"{path}.sourcePrecedence", "at least one period is required");

        var periods = new List<SourcePrecedence>();
        for (var i = 0; i < (r.SourcePrecedence?.Count ?? 0); i++)
        {
            var p = r.SourcePrecedence![i];
            var pPath = $"{path}.sourcePrecedence[{i}]";
            DateOnly? from = p.From is null ? null : ParseDate(p.From, $"{pPath}.from");
            DateOnly? to = p.To is null ? null : ParseDate(p.To, $"{pPath}.to");
            if (from is { } f && to is { } t && t < f) Fail($"{pPath}.to", "is before from");
            if (string.IsNullOrWhiteSpace(p.Source)) Fail($"{pPath}.source", "must cite the legal source or name the presumption");
            var order = new List<CrossingSource>();
            for (var j = 0; j < (p.Order?.Count ?? 0); j++)
            {
                if (Enum.TryParse<CrossingSource>(p.Order![j], ignoreCase: true, out var s) && !int.TryParse(p.Order[j], out _)) order.Add(s);
                else Fail($"{pPath}.order[{j}]", $"'{p.Order[j]}' is not a crossing source ({string.Join(", ", Enum.GetNames<CrossingSource>())})");
            }
            if (order.Distinct().Count() != Enum.GetValues<CrossingSource>().Length || order.Count != order.Distinct().Count())
                Fail($"{pPath}.order", "must list every crossing source exactly once");
            if (i == 0 && from is not null) Fail($"{pPath}.from", "the first period must have no from (it covers every earlier day)");
            if (i == r.SourcePrecedence.Count - 1 && to is not null) Fail($"{pPath}.to", "the last period must have no to (it covers every later day)");
            if (i > 0 && (periods.Count < i || periods[i - 1].To is not { } previous || from != previous.AddDays(1)))
                Fail($"{pPath}.from", "must be the day after the previous period's to (periods cover every day exactly once)");
            periods.Add(new SourcePrecedence(from, to, order, p.Source ?? ""));
        }
        if (_problems.Count > before) return null;
        return new RecordRules(r.MissingEntryLookBackDays!.Value, r.LookBackSource!, r.SameCrossingWithinDays!.Value, r.SameCrossingSource!, periods);
    }

    /// <summary>
    /// The countries of a rule of any kind, each with its period and citation: at least one; no period ending before it
    /// starts; no country listed for overlapping periods.
    /// </summary>
    private List<Membership> ValidateMembers(List<MembershipFile>? listed, string path)
    {
        if (listed is null || listed.Count == 0) Fail(path, "at least one member is required");
        var members = new List<Membership>();
        for (var i = 0; i < (listed?.Count ?? 0); i++)
        {
            var m = listed![i];
            var mPath = $"{path}[{i}]";
            var country = Country(m.Country, $"{mPath}.country");
            var from = ParseDate(m.From, $"{mPath}.from");
            DateOnly? to = m.To is null ? null : ParseDate(m.To, $"{mPath}.to");
            if (string.IsNullOrWhiteSpace(m.Source)) Fail($"{mPath}.source", "must cite where the date comes from");
            if (from is { } f && to is { } t && t < f) Fail($"{mPath}.to", "is before from");
            if (country is not null && from is not null) members.Add(new Membership(country, from.Value, to, m.Source ?? ""));
        }
        foreach (var overlap in members.GroupBy(m => m.Country).Where(HasOverlap))
            Fail(path, $"membership periods of {overlap.Key} overlap");
        return members;
    }

    private static bool HasOverlap(IGrouping<string, Membership> periods)
    {
        var sorted = periods.OrderBy(p => p.From).ToList();
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i - 1].To is null || sorted[i - 1].To >= sorted[i].From) return true;
        return false;
    }

    private string? Country(string? code, string path)
    {
        if (code is not null && CountryCodes.IsKnown(code)) return code;
        Fail(path, $"'{code}' is not an ISO 3166-1 alpha-2 country code");
        return null;
    }

    private DateOnly? ParseDate(string? text, string path)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Fail(path, $"'{text}' is not an ISO date (yyyy-MM-dd)");
        return null;
    }

    private void Fail(string path, string problem) => _problems.Add(path.Length == 0 ? problem : $"{path} {problem}");
}
