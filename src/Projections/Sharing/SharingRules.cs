using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Projections.Incidents;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Sharing;

public enum RecordKind { Visas, Crossings, Permits, Incidents }

public sealed record Arrangement(string Id, string Name, IReadOnlySet<string> Members, IReadOnlySet<RecordKind> Shares, bool ExcludeOwnPeople, string Source)
{
    /// <summary>With <see cref="ExcludeOwnPeople"/>: what happens to records dated before the traveller became the holder's own.</summary>
    public RecordsBeforeGrant OwnPeopleRecordsBeforeGrant { get; init; } = RecordsBeforeGrant.Withheld;

    /// <summary>Of the incidents shared, those in which the traveller had one of these roles (from <c>incidentRoles</c>).</summary>
    public IReadOnlySet<IncidentRole> IncidentRoles { get; init; } = new HashSet<IncidentRole>();
}

/// <summary>Which states share which of a traveller's records with which (Sharing/sharing.json).</summary>
public sealed class SharingRules(string version, IReadOnlyList<Arrangement> arrangements)
{
    public string Version { get; } = version;
    public IReadOnlyList<Arrangement> Arrangements { get; } = arrangements;

    /// <summary>
    /// The arrangement under which <paramref name="holder"/> shares a record of <paramref name="kind"/> dated
    /// <paramref name="recordDate"/> with <paramref name="requester"/> ("own" when they are the same state), or null when
    /// it does not: the holder withholds it when the traveller is one of its own people (<see cref="OwnPeople"/>) from
    /// the day that began, and before it as the arrangement says.
    /// </summary>
    public string? SharedUnder(string holder, string requester, RecordKind kind, OwnPeople own, DateOnly? recordDate) =>
        Under(holder, requester, kind, own, recordDate, _ => true);

    /// <summary>
    /// As <see cref="SharedUnder"/> for an incident in which the traveller had <paramref name="role"/>: only an
    /// arrangement whose <c>incidentRoles</c> include it shares the incident (the holder always sees its own).
    /// </summary>
    public string? IncidentSharedUnder(string holder, string requester, IncidentRole role, OwnPeople own, DateOnly? recordDate) =>
        Under(holder, requester, RecordKind.Incidents, own, recordDate, a => a.IncidentRoles.Contains(role));

    private string? Under(string holder, string requester, RecordKind kind, OwnPeople own, DateOnly? recordDate, Func<Arrangement, bool> also)
    {
        if (holder == requester) return "own";
        return Arrangements.FirstOrDefault(a =>
            a.Members.Contains(holder) && a.Members.Contains(requester) && a.Shares.Contains(kind) && also(a) &&
            !(a.ExcludeOwnPeople && own.Withholds(holder, recordDate, a.OwnPeopleRecordsBeforeGrant)))?.Id;
    }

    private static readonly Lazy<SharingRules> Embedded = new(() => Parse(EmbeddedData.Read("sharing.json"), "sharing.json"));

    public static SharingRules Default => Embedded.Value;

    public static SharingRules Parse(string json, string sourceName)
    {
        var file = EmbeddedData.Deserialize<File>(json, sourceName, "sharing file", comments: false);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file?.Version)) problems.Add("version is required");
        var arrangements = new List<Arrangement>();
        for (var i = 0; i < (file?.Arrangements?.Count ?? 0); i++)
        {
            var a = file!.Arrangements![i];
            var path = $"arrangements[{i}]";
            if (string.IsNullOrWhiteSpace(a.Id)) problems.Add($"{path}.id is required");
            if (string.IsNullOrWhiteSpace(a.Source)) problems.Add($"{path}.source must cite the arrangement");
            if (a.Members is not { Count: >= 2 }) problems.Add($"{path}.members needs at least two states");
            foreach (var bad in (a.Members ?? []).Where(m => !CountryCodes.IsKnown(m)))
                problems.Add($"{path}.members '{bad}' is not an ISO 3166-1 alpha-2 code");
            if (a.Shares is not { Count: > 0 }) problems.Add($"{path}.shares needs at least one record kind");
            if (a.OwnPeopleRecordsBeforeGrant is not null && a.ExcludeOwnPeople != true)
                problems.Add($"{path}.ownPeopleRecordsBeforeGrant applies only with excludeOwnPeople: true");
            if (a.OwnPeopleRecordsBeforeGrant is not null && string.IsNullOrWhiteSpace(a.OwnPeopleSource))
                problems.Add($"{path}.ownPeopleSource must cite the rule chosen in ownPeopleRecordsBeforeGrant");
            // Said outright, never assumed: an arrangement that shares incidents names the roles it shares them for.
            if ((a.Shares ?? []).Contains(RecordKind.Incidents) && a.IncidentRoles is not { Count: > 0 })
                problems.Add($"{path}.incidentRoles must name the roles (subject, complainant, victim, witness) whose incidents it shares");
            arrangements.Add(new Arrangement(a.Id ?? "", a.Name ?? a.Id ?? "", (a.Members ?? []).ToHashSet(),
                (a.Shares ?? []).ToHashSet(), a.ExcludeOwnPeople ?? false, a.Source ?? "")
            {
                OwnPeopleRecordsBeforeGrant = a.OwnPeopleRecordsBeforeGrant ?? RecordsBeforeGrant.Withheld,
                IncidentRoles = (a.IncidentRoles ?? []).ToHashSet(),
            });
        }
        if (arrangements.Count == 0) problems.Add("arrangements: at least one is required");
        if (problems.Count > 0) throw new RuleSetException($"{sourceName} is invalid: {string.Join("; ", problems)}");
        return new SharingRules(file!.Version!, arrangements);
    }

    private sealed record File(
        string? Version, List<ArrangementFile>? Arrangements,
        [property: JsonPropertyName("$comment")] string? Comment);

    private sealed record ArrangementFile(
        string? Id, string? Name, List<string>? Members, List<RecordKind>? Shares, bool? ExcludeOwnPeople, string? Source,
        RecordsBeforeGrant? OwnPeopleRecordsBeforeGrant = null, string? OwnPeopleSource = null, List<IncidentRole>? IncidentRoles = null);
}
