using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.TravelAuthorisations;

/// <summary>How a traveller arrives: the modes a scheme names are those that need it.</summary>
public enum TravelMode { Air, Land, Sea }

/// <summary>A nationality a scheme lists from <see cref="From"/> to <see cref="To"/> (both inclusive), with its source.</summary>
public sealed record SchemeNational(string Country, DateOnly From, DateOnly? To, string? Source)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}

/// <summary>
/// Who needs a scheme's authorisation. <see cref="VisaFreeUnder"/> shares a visa-requirement list of rulesets.json
/// (its visa-free nationals need it from <see cref="SharedFrom"/>); <see cref="Nationals"/> adds dated entries of the
/// scheme's own; <see cref="Except"/> never need it.
/// </summary>
public sealed record SchemeRequirement(
    string? VisaFreeUnder, DateOnly? SharedFrom, IReadOnlyList<SchemeNational> Nationals, IReadOnlyList<SchemeNational> Except, string? NationalsSource);

/// <summary>
/// One travel authorisation scheme (TravelAuthorisations/travel-authorisation-schemes.json): the states it admits to,
/// its term, whether it ends with its passport, the modes of arrival that need it, who needs it, and since when.
/// </summary>
public sealed record TravelAuthorisationScheme(
    string Id, string Name, string? State, string? Area, IReadOnlySet<string> States, int? ValidForYears, int? ValidForMonths,
    bool EndsWithPassport, IReadOnlyList<TravelMode> Modes, DateOnly? InForceFrom, SchemeRequirement RequiredOf, string Citation)
{
    /// <summary>
    /// The last day of validity of an authorisation granted on <paramref name="granted"/>: the term counted from the
    /// grant day as day one, or the passport's expiry day when that comes first (and the scheme ends with its passport).
    /// </summary>
    public DateOnly ValidUntil(DateOnly granted, DateOnly? documentExpires)
    {
        var byTerm = (ValidForYears is { } y ? granted.AddYears(y) : granted.AddMonths(ValidForMonths ?? 0)).AddDays(-1);
        return EndsWithPassport && documentExpires is { } expires && expires < byTerm ? expires : byTerm;
    }

    /// <summary>Whether the scheme admits to <paramref name="country"/> on <paramref name="day"/> (an area's membership is dated).</summary>
    public bool Admits(string country, DateOnly day, RuleSet rules) =>
        Area is null ? State == country : rules.Regimes.FirstOrDefault(r => r.Id == Area)?.IsMemberOn(country, day) == true;

    /// <summary>
    /// Whether a traveller of <paramref name="nationalities"/> arriving on <paramref name="day"/> by <paramref name="mode"/>
    /// needs this authorisation: never before <see cref="InForceFrom"/> (never while it is null), never by a mode it does
    /// not name; not when any nationality is excepted or exempt from the shared list's rule; yes when any nationality is
    /// listed (by the scheme or as visa-free on the shared list): the traveller travels visa-free on that passport.
    /// </summary>
    public bool IsRequiredOf(IReadOnlyList<string> nationalities, DateOnly day, TravelMode mode, RuleSet rules)
    {
        if (InForceFrom is not { } start || day < start || !Modes.Contains(mode)) return false;
        if (nationalities.Any(n => RequiredOf.Except.Any(e => e.Country == n && e.Covers(day)))) return false;
        VisaRequirement? shared = null;
        IReadOnlySet<string> exempt = new HashSet<string>();
        if (RequiredOf.VisaFreeUnder is { } area && day >= (RequiredOf.SharedFrom ?? start))
        {
            shared = rules.VisaRequirements.FirstOrDefault(v => v.Area == area && v.From <= day);
            exempt = rules.Regimes.FirstOrDefault(r => r.Id == area)?.ExemptNationalities
                ?? rules.VisitRules.FirstOrDefault(r => r.Id == area)?.ExemptNationalities ?? exempt;
        }
        if (nationalities.Any(exempt.Contains)) return false;
        return nationalities.Any(n => RequiredOf.Nationals.Any(x => x.Country == n && x.Covers(day))
                                      || shared?.IsVisaFree([n], day) == true);
    }
}

/// <summary>The travel authorisation schemes the ledger knows (TravelAuthorisations/travel-authorisation-schemes.json).</summary>
public sealed class TravelAuthorisationSchemes
{
    public string Version { get; }
    public IReadOnlyList<TravelAuthorisationScheme> Schemes { get; }

    private TravelAuthorisationSchemes(string version, IReadOnlyList<TravelAuthorisationScheme> schemes)
    {
        Version = version;
        Schemes = schemes;
    }

    public TravelAuthorisationScheme? Find(string? id) =>
        id is null ? null : Schemes.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The schemes admitting to <paramref name="state"/> (an area scheme admits to each of its members, past or present).</summary>
    public IReadOnlyList<TravelAuthorisationScheme> Of(string state) => Schemes.Where(s => s.States.Contains(state)).ToList();

    private static readonly Lazy<TravelAuthorisationSchemes> Embedded =
        new(() => Parse(EmbeddedData.Read("travel-authorisation-schemes.json"), "travel-authorisation-schemes.json", RuleSet.Default));

    /// <summary>The schemes shipped with this build; validated the first time they are used (the service touches them at start-up).</summary>
    public static TravelAuthorisationSchemes Default => Embedded.Value;

    /// <summary>Parses and validates; every problem is reported with its path, e.g. "schemes[2].requiredOf.visaFreeUnder".</summary>
    public static TravelAuthorisationSchemes Parse(string json, string sourceName, RuleSet rules)
    {
        var file = EmbeddedData.Deserialize<FileShape>(json, sourceName, "travel authorisation scheme file");

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file?.Version)) problems.Add("version is required");
        var schemes = new List<TravelAuthorisationScheme>();
        for (var i = 0; i < (file?.Schemes?.Count ?? 0); i++)
        {
            var s = file!.Schemes![i];
            var path = $"schemes[{i}]";
            if (string.IsNullOrWhiteSpace(s.Id) || s.Id.Length > 40 || s.Id.Any(char.IsWhiteSpace))
                problems.Add($"{path}.id is required: at most 40 characters without spaces");
            else if (schemes.Any(x => string.Equals(x.Id, s.Id, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{path}.id '{s.Id}' is given twice");
            if (string.IsNullOrWhiteSpace(s.Name)) problems.Add($"{path}.name is required");
            var states = new HashSet<string>(StringComparer.Ordinal);
            if ((s.State is null) == (s.Area is null)) problems.Add($"{path} needs exactly one of 'state' (an ISO code) or 'area' (a regime id)");
            if (s.State is not null)
            {
                if (CountryCodes.IsKnown(s.State)) states.Add(s.State);
                else problems.Add($"{path}.state '{s.State}' is not an ISO 3166-1 alpha-2 code");
            }
            if (s.Area is not null)
            {
                if (rules.Regimes.FirstOrDefault(r => r.Id == s.Area) is { } regime) states.UnionWith(regime.Members.Select(m => m.Country));
                else problems.Add($"{path}.area '{s.Area}' is not a regime of rulesets.json");
            }
            if ((s.ValidFor?.Years is null) == (s.ValidFor?.Months is null))
                problems.Add($"{path}.validFor needs exactly one of 'years' or 'months'");
            else if (s.ValidFor!.Years is < 1 or > 20 || s.ValidFor.Months is < 1 or > 240)
                problems.Add($"{path}.validFor must be 1 to 20 years or 1 to 240 months");
            if (s.EndsWithPassport is null) problems.Add($"{path}.endsWithPassport is required (true or false)");
            if (s.Modes is not { Count: > 0 }) problems.Add($"{path}.modes needs at least one of air, land, sea");
            DateOnly? inForce = null;
            if (s.InForceFrom is not null)
            {
                if (DateOnly.TryParseExact(s.InForceFrom, "yyyy-MM-dd", out var d)) inForce = d;
                else problems.Add($"{path}.inForceFrom '{s.InForceFrom}' is not a date (yyyy-MM-dd) or null");
            }
            if (string.IsNullOrWhiteSpace(s.Citation)) problems.Add($"{path}.citation must cite the law or the issuing government's own page");

            var req = s.RequiredOf;
            if (req is null) problems.Add($"{path}.requiredOf is required (visaFreeUnder, nationals, except)");
            if (req?.VisaFreeUnder is { } shared && rules.VisaRequirements.All(v => v.Area != shared))
                problems.Add($"{path}.requiredOf.visaFreeUnder '{shared}' is not an area of rulesets.json visaRequirements");
            if (req is { VisaFreeUnder: null, Nationals: null })
                problems.Add($"{path}.requiredOf needs 'visaFreeUnder' or 'nationals' (an empty list says: nobody listed yet)");
            DateOnly? sharedFrom = null;
            if (req?.SharedFrom is not null)
            {
                if (DateOnly.TryParseExact(req.SharedFrom, "yyyy-MM-dd", out var d)) sharedFrom = d;
                else problems.Add($"{path}.requiredOf.sharedFrom '{req.SharedFrom}' is not a date");
            }
            var nationals = Nationals(req?.Nationals, $"{path}.requiredOf.nationals", inForce, problems, needsSource: req?.NationalsSource is null);
            var except = Nationals(req?.Except, $"{path}.requiredOf.except", DateOnly.MinValue, problems, needsSource: true);

            schemes.Add(new TravelAuthorisationScheme(s.Id ?? "", s.Name ?? "", s.State, s.Area, states, s.ValidFor?.Years, s.ValidFor?.Months,
                s.EndsWithPassport ?? true, s.Modes ?? [], inForce,
                new SchemeRequirement(req?.VisaFreeUnder, sharedFrom, nationals, except, req?.NationalsSource), s.Citation ?? ""));
        }
        if (schemes.Count == 0) problems.Add("schemes: at least one is required");
        if (problems.Count > 0) throw new RuleSetException($"{sourceName} is invalid: {string.Join("; ", problems)}");
        return new TravelAuthorisationSchemes(file!.Version!, schemes);
    }

    private static List<SchemeNational> Nationals(List<NationalShape>? list, string path, DateOnly? defaultFrom, List<string> problems, bool needsSource)
    {
        var result = new List<SchemeNational>();
        for (var j = 0; j < (list?.Count ?? 0); j++)
        {
            var n = list![j];
            var at = $"{path}[{j}]";
            if (n.Country is null || !CountryCodes.IsKnown(n.Country)) problems.Add($"{at}.country '{n.Country}' is not an ISO 3166-1 alpha-2 code");
            DateOnly? from = defaultFrom, to = null;
            if (n.From is not null) from = DateOnly.TryParseExact(n.From, "yyyy-MM-dd", out var f) ? f : Bad(at + ".from");
            if (n.To is not null) to = DateOnly.TryParseExact(n.To, "yyyy-MM-dd", out var t) ? t : Bad(at + ".to");
            if (from is null) problems.Add($"{at}.from is required when the scheme has no inForceFrom");
            if (to is not null && from is not null && to < from) problems.Add($"{at}.to is before its from");
            if (needsSource && string.IsNullOrWhiteSpace(n.Source)) problems.Add($"{at}.source must cite the law (or the list gives 'nationalsSource')");
            result.Add(new SchemeNational(n.Country ?? "", from ?? DateOnly.MaxValue, to, n.Source));
        }
        return result;

        DateOnly? Bad(string field)
        {
            problems.Add($"{field} is not a date (yyyy-MM-dd)");
            return null;
        }
    }

    private sealed record FileShape(string? Version, List<SchemeShape>? Schemes, [property: JsonPropertyName("$comment")] string? Comment);

    private sealed record SchemeShape(
        string? Id, string? Name, string? State, string? Area, ValidForShape? ValidFor, bool? EndsWithPassport, List<TravelMode>? Modes,
        string? InForceFrom, RequirementShape? RequiredOf, string? Citation);

    private sealed record ValidForShape(int? Years, int? Months);

    private sealed record RequirementShape(
        string? VisaFreeUnder, string? SharedFrom, List<NationalShape>? Nationals, List<NationalShape>? Except, string? NationalsSource);

    private sealed record NationalShape(string? Country, string? From, string? To, string? Source);
}
