using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Retention;

/// <summary>What a policy erases: crossings, refusals of entry (incidents), the whole file, or access-log rows.</summary>
public enum RetainedKind { Crossings, RefusalsOfEntry, File, AccessLog }

/// <summary>The fact a retention period runs from.</summary>
public enum RetentionAnchor { ExitOrRefusal, LastExit, AuthorisedStayEnd, RetentionEnd }

/// <summary>A calendar period (years, months, days), added in that order to a day.</summary>
public sealed record RetentionPeriod(int Years = 0, int Months = 0, int Days = 0)
{
    public DateOnly After(DateOnly day) => day.AddYears(Years).AddMonths(Months).AddDays(Days);
    public DateOnly Before(DateOnly day) => day.AddYears(-Years).AddMonths(-Months).AddDays(-Days);
    public bool IsZero => Years == 0 && Months == 0 && Days == 0;

    public override string ToString() => string.Join(" ", new[] { (Years, "year"), (Months, "month"), (Days, "day") }
        .Where(p => p.Item1 != 0).Select(p => $"{p.Item1} {p.Item2}{(p.Item1 == 1 ? "" : "s")}"));
}

/// <summary>
/// One cited retention policy: which holders keep which kinds of records from which sources about which travellers,
/// for how long from which fact, and how long before erasure the holder is told (if at all).
/// </summary>
public sealed record RetentionPolicy(
    string Id, string Name, string PlainWords, IReadOnlySet<string> Holders, IReadOnlySet<string> ExemptNationalities,
    IReadOnlySet<RetainedKind> RecordKinds, IReadOnlySet<CrossingSource> Sources, RetentionPeriod Keep, RetentionAnchor From,
    RetentionPeriod? NotifyBefore, string Source, string? Url)
{
    /// <summary>
    /// Whether the policy applies to a traveller of these nationalities: none of them exempt (for the EES, a
    /// third-country national). A traveller of unknown nationality is covered: nothing shows them exempt.
    /// </summary>
    public bool AppliesTo(IEnumerable<string> nationalities) => !nationalities.Any(ExemptNationalities.Contains);

    /// <summary>Whether it covers a record of <paramref name="kind"/> held by <paramref name="holder"/> from <paramref name="source"/>.</summary>
    public bool Covers(RetainedKind kind, string holder, CrossingSource source) =>
        RecordKinds.Contains(kind) && Holders.Contains(holder) && Sources.Contains(source);

    /// <summary>The first day the record is no longer kept: the anchor day plus the period (kept through the day before).</summary>
    public DateOnly ErasureDay(DateOnly anchor) => Keep.After(anchor);
}

/// <summary>The versioned retention policies (Retention/retention-policies.json, embedded in this assembly).</summary>
public sealed class RetentionPolicies(string version, IReadOnlyList<RetentionPolicy> policies)
{
    /// <summary>What the ledger says of a holder without a cited policy: it keeps its records until it erases them itself.</summary>
    public const string NoneSet = "policy: none set";

    public string Version { get; } = version;
    public IReadOnlyList<RetentionPolicy> Policies { get; } = policies;

    /// <summary>The policy covering a record of this kind, holder and source for a traveller of these nationalities, or null (none set).</summary>
    public RetentionPolicy? For(RetainedKind kind, RetentionAnchor from, string holder, CrossingSource source, IEnumerable<string> nationalities) =>
        Policies.FirstOrDefault(p => p.From == from && p.Covers(kind, holder, source) && p.AppliesTo(nationalities));

    public RetentionPolicy? Find(string id) => Policies.FirstOrDefault(p => p.Id == id);

    /// <summary>The states with at least one policy, in order.</summary>
    public IEnumerable<string> Holders => Policies.SelectMany(p => p.Holders).Distinct().Order(StringComparer.Ordinal);

    private static readonly Lazy<RetentionPolicies> Embedded =
        new(() => Parse(EmbeddedData.Read("retention-policies.json"), "retention-policies.json"));

    /// <summary>The policies shipped with this build; validated the first time they are used (the service touches them at start-up).</summary>
    public static RetentionPolicies Default => Embedded.Value;

    /// <summary>Parses and validates; every problem is reported with its path, e.g. "policies[1].keep".</summary>
    public static RetentionPolicies Parse(string json, string sourceName)
    {
        var file = EmbeddedData.Deserialize<PolicyFile>(json, sourceName, "retention policy file", comments: false);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file?.Version)) problems.Add("version is required");
        var policies = new List<RetentionPolicy>();
        for (var i = 0; i < (file?.Policies?.Count ?? 0); i++)
        {
            var p = file!.Policies![i];
            var path = $"policies[{i}]";
            if (string.IsNullOrWhiteSpace(p.Id)) problems.Add($"{path}.id is required");
            else if (policies.Any(x => x.Id == p.Id)) problems.Add($"{path}.id '{p.Id}' is used twice");
            if (string.IsNullOrWhiteSpace(p.Source)) problems.Add($"{path}.source must cite the provision");
            if (string.IsNullOrWhiteSpace(p.PlainWords)) problems.Add($"{path}.plainWords must say the policy in plain words");
            if (p.Holders is not { Count: > 0 }) problems.Add($"{path}.holders needs at least one state");
            foreach (var bad in (p.Holders ?? []).Concat(p.ExemptNationalities ?? []).Where(c => !CountryCodes.IsKnown(c)))
                problems.Add($"{path}: '{bad}' is not an ISO 3166-1 alpha-2 code");
            if (p.RecordKinds is not { Count: > 0 }) problems.Add($"{path}.recordKinds needs at least one kind");
            if (p.Sources is not { Count: > 0 }) problems.Add($"{path}.sources needs at least one source");
            // Self-reported records belong to the traveller, who alone erases them.
            if ((p.Sources ?? []).Contains(CrossingSource.SelfReported)) problems.Add($"{path}.sources: selfReported records are kept until the traveller erases them");
            if (p.Keep is null || p.Keep.IsZero || p.Keep.Years < 0 || p.Keep.Months < 0 || p.Keep.Days < 0)
                problems.Add($"{path}.keep must be a positive period (years, months, days)");
            if (p.From is null) problems.Add($"{path}.from is required (exitOrRefusal, lastExit, authorisedStayEnd, retentionEnd)");
            if (p.NotifyBefore is { } n && (n.IsZero || n.Years < 0 || n.Months < 0 || n.Days < 0))
                problems.Add($"{path}.notifyBefore must be a positive period");
            if (p.Keep is { } k && p.NotifyBefore is { } nb && nb.After(DateOnly.MinValue.AddYears(1)) >= k.After(DateOnly.MinValue.AddYears(1)))
                problems.Add($"{path}.notifyBefore must be shorter than keep");
            var kinds = (p.RecordKinds ?? []).ToHashSet();
            if (p.From is RetentionAnchor.LastExit && !kinds.SetEquals([RetainedKind.File])) problems.Add($"{path}: from lastExit applies to the file only");
            if (kinds.Contains(RetainedKind.File) && p.From is not RetentionAnchor.LastExit) problems.Add($"{path}: the file is kept from lastExit");
            if (p.From is RetentionAnchor.RetentionEnd != kinds.SetEquals([RetainedKind.AccessLog])) problems.Add($"{path}: accessLog, and only it, is kept from retentionEnd");
            if (p.From is RetentionAnchor.AuthorisedStayEnd && !kinds.SetEquals([RetainedKind.Crossings])) problems.Add($"{path}: from authorisedStayEnd applies to crossings only");
            policies.Add(new RetentionPolicy(p.Id ?? "", p.Name ?? p.Id ?? "", p.PlainWords ?? "", (p.Holders ?? []).ToHashSet(),
                (p.ExemptNationalities ?? []).ToHashSet(), kinds, (p.Sources ?? []).ToHashSet(), p.Keep ?? new RetentionPeriod(),
                p.From ?? RetentionAnchor.ExitOrRefusal, p.NotifyBefore, p.Source ?? "", p.Url));
        }
        if (policies.Count == 0) problems.Add("policies: at least one is required");
        if (problems.Count > 0) throw new RuleSetException($"{sourceName} is invalid: {string.Join("; ", problems)}");
        return new RetentionPolicies(file!.Version!, policies);
    }

    private sealed record PolicyFile(
        string? Version, List<PolicyEntry>? Policies,
        [property: JsonPropertyName("$comment")] string? Comment);

    private sealed record PolicyEntry(
        string? Id, string? Name, string? PlainWords, List<string>? Holders, List<string>? ExemptNationalities,
        List<RetainedKind>? RecordKinds, List<CrossingSource>? Sources, RetentionPeriod? Keep, RetentionAnchor? From,
        RetentionPeriod? NotifyBefore, string? Source, string? Url);
}
