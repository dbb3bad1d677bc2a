using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Visas;

/// <summary>What a visa or permit category lets its holder do, as its issuing state defines it.</summary>
public enum PermissionKind { Transit, Visit, Study, Work, Family, LongStay, PermanentResidence, Citizenship }

/// <summary>One visa or permit category of an issuing state or area (Visas/visa-categories.json).</summary>
public sealed record VisaCategory(
    string Code, string Name, PermissionKind Kind, bool CountsAsPermanentResidence, IReadOnlyList<string> ExemptsFromRegimes, string Citation)
{
    /// <summary>Holding it makes the traveller one of the issuer's own people (sharing): permanent residence or citizenship.</summary>
    public bool MakesOwnPerson => CountsAsPermanentResidence || Kind == PermissionKind.Citizenship;
}

/// <summary>
/// The states that issue one list of categories: named states, or every state that is or was a member of a regime's
/// area (Schengen states all issue A, C and D).
/// </summary>
public sealed record CategoryIssuer(string Id, string Name, IReadOnlySet<string> States, string? Area, IReadOnlyList<VisaCategory> Categories);

/// <summary>The visa and permit categories of every issuing state the ledger knows (Visas/visa-categories.json).</summary>
public sealed class VisaCategories
{
    private readonly Dictionary<string, CategoryIssuer> _byState;

    public string Version { get; }
    public IReadOnlyList<CategoryIssuer> Issuers { get; }

    private VisaCategories(string version, IReadOnlyList<CategoryIssuer> issuers, Dictionary<string, CategoryIssuer> byState)
    {
        Version = version;
        Issuers = issuers;
        _byState = byState;
    }

    /// <summary>The categories <paramref name="state"/> issues (empty for a state the file does not cover).</summary>
    public IReadOnlyList<VisaCategory> Of(string state) => _byState.TryGetValue(state, out var issuer) ? issuer.Categories : [];

    /// <summary>The issuer whose list <paramref name="state"/> uses, or null.</summary>
    public CategoryIssuer? IssuerOf(string state) => _byState.GetValueOrDefault(state);

    /// <summary>The category of <paramref name="state"/> with this code (any case), or null.</summary>
    public VisaCategory? Find(string state, string? code) =>
        code is null ? null : Of(state).FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The states the file covers, in order (for messages).</summary>
    public IEnumerable<string> States => _byState.Keys.Order(StringComparer.Ordinal);

    private static readonly Lazy<VisaCategories> Embedded =
        new(() => Parse(EmbeddedData.Read("visa-categories.json"), "visa-categories.json", RuleSet.Default));

    /// <summary>The categories shipped with this build; validated the first time they are used (the service touches them at start-up).</summary>
    public static VisaCategories Default => Embedded.Value;

    /// <summary>Parses and validates; every problem is reported with its path, e.g. "issuers[1].categories[2].citation".</summary>
    public static VisaCategories Parse(string json, string sourceName, RuleSet rules)
    {
        var file = EmbeddedData.Deserialize<FileShape>(json, sourceName, "visa category file");

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file?.Version)) problems.Add("version is required");
        var issuers = new List<CategoryIssuer>();
        var byState = new Dictionary<string, CategoryIssuer>(StringComparer.Ordinal);
        var claimedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (file?.Issuers?.Count ?? 0); i++)
        {
            var s = file!.Issuers![i];
            var path = $"issuers[{i}]";
            if (string.IsNullOrWhiteSpace(s.Id)) problems.Add($"{path}.id is required");
            var states = new List<string>();
            if (s.States is { Count: > 0 } == (s.Area is not null))
                problems.Add($"{path} needs exactly one of 'states' (ISO codes) or 'area' (a regime id)");
            foreach (var bad in (s.States ?? []).Where(c => !CountryCodes.IsKnown(c)))
                problems.Add($"{path}.states '{bad}' is not an ISO 3166-1 alpha-2 code");
            states.AddRange((s.States ?? []).Where(CountryCodes.IsKnown));
            if (s.Area is not null)
            {
                var regime = rules.Regimes.FirstOrDefault(r => r.Id == s.Area);
                if (regime is null) problems.Add($"{path}.area '{s.Area}' is not a regime of rulesets.json ({string.Join(", ", rules.Regimes.Select(r => r.Id))})");
                else states.AddRange(regime.Members.Select(m => m.Country).Distinct());
            }

            var categories = new List<VisaCategory>();
            if (s.Categories is not { Count: > 0 }) problems.Add($"{path}.categories needs at least one category");
            for (var j = 0; j < (s.Categories?.Count ?? 0); j++)
            {
                var c = s.Categories![j];
                var at = $"{path}.categories[{j}]";
                if (string.IsNullOrWhiteSpace(c.Code)) problems.Add($"{at}.code is required");
                else if (c.Code.Length > 20 || c.Code.Any(char.IsWhiteSpace)) problems.Add($"{at}.code '{c.Code}' must be at most 20 characters without spaces");
                else if (categories.Any(x => string.Equals(x.Code, c.Code, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{at}.code '{c.Code}' is given twice for {path} (codes are compared in any case)");
                if (string.IsNullOrWhiteSpace(c.Name)) problems.Add($"{at}.name is required");
                if (c.Kind is null) problems.Add($"{at}.kind is required (transit, visit, study, work, family, longStay, permanentResidence, citizenship)");
                if (c.CountsAsPermanentResidence is null) problems.Add($"{at}.countsAsPermanentResidence is required (true or false)");
                if (c.ExemptsFromRegimes is null) problems.Add($"{at}.exemptsFromRegimes is required (a list of regime ids, may be empty)");
                foreach (var bad in (c.ExemptsFromRegimes ?? []).Where(r => rules.Regimes.All(g => g.Id != r)))
                    problems.Add($"{at}.exemptsFromRegimes '{bad}' is not a regime of rulesets.json");
                if (string.IsNullOrWhiteSpace(c.Citation)) problems.Add($"{at}.citation must cite the law or the issuing government's own page");
                categories.Add(new VisaCategory(c.Code ?? "", c.Name ?? "", c.Kind ?? PermissionKind.Visit, c.CountsAsPermanentResidence ?? false,
                    c.ExemptsFromRegimes ?? [], c.Citation ?? ""));
            }

            var issuer = new CategoryIssuer(s.Id ?? "", s.Name ?? s.Id ?? "", states.ToHashSet(), s.Area, categories);
            issuers.Add(issuer);
            foreach (var state in states)
            {
                if (claimedBy.TryGetValue(state, out var other))
                    problems.Add($"{path}: state {state} already issues the categories of '{other}' (a state has one list)");
                else
                {
                    claimedBy[state] = issuer.Id;
                    byState[state] = issuer;
                }
            }
        }
        if (issuers.Count == 0) problems.Add("issuers: at least one is required");
        if (problems.Count > 0) throw new RuleSetException($"{sourceName} is invalid: {string.Join("; ", problems)}");
        return new VisaCategories(file!.Version!, issuers, byState);
    }

    private sealed record FileShape(
        string? Version, List<IssuerShape>? Issuers,
        [property: JsonPropertyName("$comment")] string? Comment);

    private sealed record IssuerShape(string? Id, string? Name, List<string>? States, string? Area, List<CategoryShape>? Categories);

    private sealed record CategoryShape(
        string? Code, string? Name, PermissionKind? Kind, bool? CountsAsPermanentResidence, List<string>? ExemptsFromRegimes, string? Citation);
}
