using System.Collections.Frozen;
using System.Text.Json;

namespace Ledger.Projections.StayRules;

/// <summary>The versioned set of regimes (StayRules/rulesets.json, embedded in this assembly).</summary>
public sealed class RuleSet
{
    public string Version { get; }
    /// <summary>The rolling-window rules (kind <c>rollingWindow</c>): what status, warnings and overstay detection count.</summary>
    public IReadOnlyList<Regime> Regimes { get; }

    /// <summary>The per-visit rules (kinds <c>perVisit</c> and <c>perVisitWithoutReset</c>), from the same file.</summary>
    public IReadOnlyList<VisitRule> VisitRules { get; private init; } = [];

    /// <summary>Bilateral agreements that give some nationalities a second count in part of a regime's area.</summary>
    public IReadOnlyList<SubAreaAgreement> SubAreaAgreements { get; private init; } = [];

    /// <summary>
    /// The history as the rolling regimes count it: days under a sub-area agreement taken out of their parent regime
    /// (as permits of their countries). The one place agreements change a count, so status, warnings, overstays and
    /// compliance agree.
    /// </summary>
    public TravelHistory WithAgreements(TravelHistory history)
    {
        foreach (var agreement in SubAreaAgreements)
            history = agreement.Split(Get(agreement.ParentRegime), history, Regime.LatestControlDate).ForParent;
        return history;
    }

    /// <summary>Who needs a visa where, as dated lists with citations (empty: not known, not checked).</summary>
    public IReadOnlyList<VisaRequirement> VisaRequirements { get; private init; } = [];

    /// <summary>How incomplete records are read in areas outside every regime (a country on its own).</summary>
    public RecordRules Records { get; }

    private RuleSet(string version, IReadOnlyList<Regime> regimes, RecordRules records)
    {
        Version = version;
        Regimes = regimes;
        Records = records;
        _areasOf = regimes.SelectMany(r => r.Members.Select(m => (Regime: r, Membership: m)))
            .GroupBy(x => x.Membership.Country, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Each country's memberships of rolling regimes, in rule-set order: every write pairs every crossing with its area.</summary>
    private readonly FrozenDictionary<string, (Regime Regime, Membership Membership)[]> _areasOf;

    /// <summary>
    /// The area a crossing on <paramref name="day"/> in <paramref name="country"/> belongs to: the first regime (in
    /// rule-set order) the country was a member of that day, or the country itself outside every regime.
    /// </summary>
    public string AreaOf(string country, DateOnly day)
    {
        if (_areasOf.TryGetValue(country, out var memberships))
            foreach (var (regime, m) in memberships)
                if (m.Covers(day)) return regime.Id;
        return country;
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

    internal static RuleSet Create(string version, IReadOnlyList<Regime> regimes, RecordRules records,
        IReadOnlyList<VisitRule>? visitRules = null, IReadOnlyList<VisaRequirement>? visaRequirements = null,
        IReadOnlyList<SubAreaAgreement>? agreements = null) =>
        new(version, regimes, records) { VisitRules = visitRules ?? [], VisaRequirements = visaRequirements ?? [], SubAreaAgreements = agreements ?? [] };

    internal static IReadOnlySet<string> ToSet(IEnumerable<string> codes) => codes.ToFrozenSet();
}

public sealed class RuleSetException(string message) : Exception(message);

// The file's shape; kept apart from the domain types so that validation decides what reaches them.
internal sealed record RuleSetFile(
    string? Version, RecordsFile? Records, List<RegimeFile>? Regimes,
    [property: System.Text.Json.Serialization.JsonPropertyName("$comment")] string? Comment,
    List<VisaRequirementFile>? VisaRequirements = null, List<AgreementFile>? SubAreaAgreements = null);

internal sealed record AgreementFile(
    string? Id, string? Name, string? ParentRegime, List<string>? Countries, List<string>? Nationals, int? WindowDays,
    int? LimitDays, string? RuleEffectiveFrom, string? Source, string? ConditionSource, string? Note);

// Kind: rollingWindow (default), perVisit, perVisitWithoutReset. WindowDays only for rollingWindow; LimitMonths only
// for the per-visit kinds (exactly one of LimitDays/LimitMonths there); NoReset* only for perVisitWithoutReset.
internal sealed record RegimeFile(
    string? Id, string? Name, int? WindowDays, int? LimitDays, string? RuleEffectiveFrom, string? RuleSource,
    List<MembershipFile>? Members, List<string>? ExemptNationalities, List<OutsideFile>? NotMembers, RecordsFile? Records,
    string? Kind = null, int? LimitMonths = null, string? RuleEffectiveTo = null, List<string>? AppliesTo = null,
    string? AppliesToSource = null, bool? OfficerMaySetDate = null, string? OfficerMaySetDateSource = null,
    List<string>? NoResetCountries = null, string? NoResetSource = null, string? LastDaySource = null);

// Exactly one of VisaFree (who needs no visa) and VisaRequired (who needs one: a visa-national list).
internal sealed record VisaRequirementFile(
    string? Area, string? Name, string? From, string? Source,
    List<VisaFreeFile>? VisaFree, string? Note, List<VisaFreeFile>? VisaRequired = null);

internal sealed record VisaFreeFile(string? Country, string? From, string? To, string? Source);

internal sealed record RecordsFile(
    int? MissingEntryLookBackDays, string? LookBackSource, int? SameCrossingWithinDays, string? SameCrossingSource,
    List<PrecedenceFile>? SourcePrecedence);

internal sealed record PrecedenceFile(string? From, string? To, List<string>? Order, string? Source);

internal sealed record MembershipFile(string? Country, string? From, string? To, string? Source, string? Note);

internal sealed record OutsideFile(string? Country, string? Source);
