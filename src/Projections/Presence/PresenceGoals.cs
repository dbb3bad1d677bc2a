using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Presence;

public enum PresenceUnit { DaysPresent, DaysAbsent }

/// <summary>Whether a goal's count includes the day asked (the period "ending with the date of the application") or ends the day before.</summary>
public enum PeriodEnd { DayBefore, OnDay }

public enum GoalKind { Obligation, Eligibility }

/// <summary>How the day of departure and the day of return count: as days present (every goal shipped) or absent.</summary>
public enum TravelDayCount { Present, Absent }

/// <summary>A length of years or months.</summary>
public sealed record Span(int? Years, int? Months)
{
    /// <summary>The first day of a span of this length whose last day is <paramref name="last"/>.</summary>
    public DateOnly FirstDayEndingOn(DateOnly last) => (Years is { } y ? last.AddYears(-y) : last.AddMonths(-(Months ?? 0))).AddDays(1);

    /// <summary>The last day of a span of this length whose first day is <paramref name="first"/>.</summary>
    public DateOnly LastDayStartingOn(DateOnly first) => (Years is { } y ? first.AddYears(y) : first.AddMonths(Months ?? 0)).AddDays(-1);

    public override string ToString() => Years is { } y ? $"{y} year{(y == 1 ? "" : "s")}" : $"{Months} month{(Months == 1 ? "" : "s")}";
}

public sealed record HalfCredit(int Cap, string Source);

/// <summary>One part of a goal: a minimum of days present or a maximum of days absent over a period (or in every window of it).</summary>
public sealed record PresencePart(
    string Id, string Description, PresenceUnit Unit, int Limit, Span Period, PeriodEnd Ends, int? AnyWindowMonths,
    bool FromPermission, bool Potential, HalfCredit? PrePermissionHalfCredit, string Source);

/// <summary>One presence goal (Presence/presence-goals.json).</summary>
public sealed record PresenceGoal(
    string Id, string Name, string State, IReadOnlyList<string> StartsFrom, GoalKind Kind, Span? PermissionHeldFor,
    TravelDayCount TravelDays, string TravelDaysSource, IReadOnlyList<PresencePart> Parts, string Citation);

/// <summary>The presence goals the ledger knows, validated against the visa categories (a goal starts from categories that exist).</summary>
public sealed class PresenceGoals
{
    public string Version { get; }
    public IReadOnlyList<PresenceGoal> Goals { get; }

    private PresenceGoals(string version, IReadOnlyList<PresenceGoal> goals)
    {
        Version = version;
        Goals = goals;
    }

    public PresenceGoal? Find(string? id) => id is null ? null : Goals.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase));

    private static readonly Lazy<PresenceGoals> Embedded =
        new(() => Parse(EmbeddedData.Read("presence-goals.json"), "presence-goals.json", VisaCategories.Default));

    /// <summary>The goals shipped with this build; validated the first time they are used (the service touches them at start-up).</summary>
    public static PresenceGoals Default => Embedded.Value;

    public static PresenceGoals Parse(string json, string sourceName, VisaCategories categories)
    {
        var file = EmbeddedData.Deserialize<FileShape>(json, sourceName, "presence goal file");

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file?.Version)) problems.Add("version is required");
        var goals = new List<PresenceGoal>();
        for (var i = 0; i < (file?.Goals?.Count ?? 0); i++)
        {
            var g = file!.Goals![i];
            var path = $"goals[{i}]";
            if (string.IsNullOrWhiteSpace(g.Id) || g.Id.Length > 40 || g.Id.Any(char.IsWhiteSpace)) problems.Add($"{path}.id is required: at most 40 characters without spaces");
            else if (goals.Any(x => string.Equals(x.Id, g.Id, StringComparison.OrdinalIgnoreCase))) problems.Add($"{path}.id '{g.Id}' is given twice");
            if (string.IsNullOrWhiteSpace(g.Name)) problems.Add($"{path}.name is required");
            if (g.State is null || !CountryCodes.IsKnown(g.State)) problems.Add($"{path}.state '{g.State}' is not an ISO 3166-1 alpha-2 code");
            if (g.StartsFrom is not { Count: > 0 }) problems.Add($"{path}.startsFrom needs at least one visa category of the state");
            foreach (var code in g.StartsFrom ?? [])
                if (g.State is not null && categories.Find(g.State, code) is null)
                    problems.Add($"{path}.startsFrom '{code}' is not a visa category of {g.State} (visa-categories.json)");
            if (g.Kind is null) problems.Add($"{path}.kind is required (obligation or eligibility)");
            if (g.TravelDays is null || string.IsNullOrWhiteSpace(g.TravelDaysSource))
                problems.Add($"{path}.travelDays (present or absent) and travelDaysSource (the official guidance) are required");
            if (g.PermissionHeldFor is { } held && !SpanOk(held)) problems.Add($"{path}.permissionHeldFor needs exactly one of years or months, positive");
            if (string.IsNullOrWhiteSpace(g.Citation)) problems.Add($"{path}.citation must cite the law or the official guidance");
            var parts = new List<PresencePart>();
            if (g.Parts is not { Count: > 0 }) problems.Add($"{path}.parts needs at least one part");
            for (var j = 0; j < (g.Parts?.Count ?? 0); j++)
            {
                var p = g.Parts![j];
                var at = $"{path}.parts[{j}]";
                if (string.IsNullOrWhiteSpace(p.Id)) problems.Add($"{at}.id is required");
                if (string.IsNullOrWhiteSpace(p.Description)) problems.Add($"{at}.description is required (plain words: what is counted over what)");
                if (p.Unit is null) problems.Add($"{at}.unit is required (daysPresent or daysAbsent)");
                if (p.Limit is not (> 0 and <= 3660)) problems.Add($"{at}.limit must be 1 to 3660 days");
                if (p.Period is null || !SpanOk(new SpanShape(p.Period.Years, p.Period.Months)) || p.Period.Ends is null)
                    problems.Add($"{at}.period needs exactly one of years or months, and ends (dayBefore or onDay)");
                if (p.AnyWindowMonths is { } w && (w < 1 || p.Unit != PresenceUnit.DaysAbsent || p.Period?.Years is { } py && w > py * 12 || p.Period?.Months is { } pm && w > pm))
                    problems.Add($"{at}.anyWindowMonths is for daysAbsent parts and must fit inside the period");
                if (p.Potential == true && (p.FromPermission != true || p.Unit != PresenceUnit.DaysPresent))
                    problems.Add($"{at}.potential is for daysPresent parts counted fromPermission");
                if (p.PrePermissionHalfCredit is { } credit && (credit.Cap is not > 0 || string.IsNullOrWhiteSpace(credit.Source) || p.FromPermission != true))
                    problems.Add($"{at}.prePermissionHalfCredit needs a positive cap, a source and fromPermission");
                if (p.Limit is > 0 and <= 3660 && p.Period is { Ends: not null } && SpanOk(new SpanShape(p.Period.Years, p.Period.Months))
                    && p.Limit > (p.Period.Years is { } y ? y * 366 : p.Period.Months!.Value * 31))
                    problems.Add($"{at}.limit {p.Limit} is longer than its period");
                if (string.IsNullOrWhiteSpace(p.Source)) problems.Add($"{at}.source must cite the law");
                parts.Add(new PresencePart(p.Id ?? "", p.Description ?? "", p.Unit ?? PresenceUnit.DaysPresent, p.Limit ?? 0,
                    new Span(p.Period?.Years, p.Period?.Months), p.Period?.Ends ?? PeriodEnd.DayBefore, p.AnyWindowMonths,
                    p.FromPermission ?? false, p.Potential ?? false,
                    p.PrePermissionHalfCredit is { } c ? new HalfCredit(c.Cap ?? 0, c.Source ?? "") : null, p.Source ?? ""));
            }
            goals.Add(new PresenceGoal(g.Id ?? "", g.Name ?? "", g.State ?? "", g.StartsFrom ?? [], g.Kind ?? GoalKind.Eligibility,
                g.PermissionHeldFor is { } h ? new Span(h.Years, h.Months) : null, g.TravelDays ?? TravelDayCount.Present, g.TravelDaysSource ?? "",
                parts, g.Citation ?? ""));
        }
        if (goals.Count == 0) problems.Add("goals: at least one is required");
        if (problems.Count > 0) throw new RuleSetException($"{sourceName} is invalid: {string.Join("; ", problems)}");
        return new PresenceGoals(file!.Version!, goals);
    }

    private static bool SpanOk(SpanShape s) => (s.Years is null) != (s.Months is null) && s.Years is null or (> 0 and <= 10) && s.Months is null or (> 0 and <= 120);

    private sealed record FileShape(string? Version, List<GoalShape>? Goals, [property: JsonPropertyName("$comment")] string? Comment);

    private sealed record GoalShape(
        string? Id, string? Name, string? State, List<string>? StartsFrom, GoalKind? Kind, SpanShape? PermissionHeldFor,
        TravelDayCount? TravelDays, string? TravelDaysSource, List<PartShape>? Parts, string? Citation);

    private sealed record SpanShape(int? Years, int? Months);

    private sealed record PeriodShape(int? Years, int? Months, PeriodEnd? Ends);

    private sealed record CreditShape(int? Cap, string? Source);

    private sealed record PartShape(
        string? Id, string? Description, PresenceUnit? Unit, int? Limit, PeriodShape? Period, int? AnyWindowMonths, bool? FromPermission,
        bool? Potential, CreditShape? PrePermissionHalfCredit, string? Source);
}
