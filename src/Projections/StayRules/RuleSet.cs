using System.Collections.Frozen;
using System.Text.Json;

namespace Ledger.Projections.StayRules;

/// <summary>The versioned set of regimes (StayRules/rulesets.json, embedded in this assembly).</summary>
public sealed class RuleSet
{
    public string Version { get; }
    public IReadOnlyList<Regime> Regimes { get; }

    /// <summary>How incomplete records are read in areas outside every regime (a country on its own).</summary>
    public RecordRules Records { get; }

    private RuleSet(string version, IReadOnlyList<Regime> regimes, RecordRules records)
    {
        Version = version;
        Regimes = regimes;
        Records = records;
    }

    /// <summary>The record rules of an area: a regime id, or a country outside every regime.</summary>
    public RecordRules RecordsOf(string area) =>
        Regimes.FirstOrDefault(r => r.Id == area)?.Records ?? Records;

    public Regime Get(string id) =>
        Regimes.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new StayRuleException($"unknown regime '{id}' (known: {string.Join(", ", Regimes.Select(r => r.Id))})");

    private static readonly Lazy<RuleSet> Embedded = new(() => Parse(EmbeddedData.Read("rulesets.json"), "rulesets.json"));

    /// <summary>The rule set shipped with this build; validated the first time it is used (the service touches it at start-up).</summary>
    public static RuleSet Default => Embedded.Value;

    /// <summary>Parses and validates; every problem is reported with its path, e.g. "regimes[0].members[3].from".</summary>
    public static RuleSet Parse(string json, string sourceName)
    {
        RuleSetFile? file;
        try
        {
            file = JsonSerializer.Deserialize<RuleSetFile>(json, new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                ReadCommentHandling = JsonCommentHandling.Skip,
                UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            });
        }
        catch (JsonException e)
        {
            throw new RuleSetException($"{sourceName}: not a valid rule set: {e.Message}");
        }
        return new RuleSetValidator(sourceName).Validate(file);
    }

    internal static RuleSet Create(string version, IReadOnlyList<Regime> regimes, RecordRules records) => new(version, regimes, records);

    internal static IReadOnlySet<string> ToSet(IEnumerable<string> codes) => codes.ToFrozenSet();
}

public sealed class RuleSetException(string message) : Exception(message);

// The file's shape; kept apart from the domain types so that validation decides what reaches them.
internal sealed record RuleSetFile(
    string? Version, RecordsFile? Records, List<RegimeFile>? Regimes,
    [property: System.Text.Json.Serialization.JsonPropertyName("$comment")] string? Comment);

internal sealed record RegimeFile(
    string? Id, string? Name, int? WindowDays, int? LimitDays, string? RuleEffectiveFrom, string? RuleSource,
    List<MembershipFile>? Members, List<string>? ExemptNationalities, List<OutsideFile>? NotMembers, RecordsFile? Records);

internal sealed record RecordsFile(
    int? MissingEntryLookBackDays, string? LookBackSource, int? SameCrossingWithinDays, string? SameCrossingSource,
    List<PrecedenceFile>? SourcePrecedence);

internal sealed record PrecedenceFile(string? From, string? To, List<string>? Order, string? Source);

internal sealed record MembershipFile(string? Country, string? From, string? To, string? Source, string? Note);

internal sealed record OutsideFile(string? Country, string? Source);
