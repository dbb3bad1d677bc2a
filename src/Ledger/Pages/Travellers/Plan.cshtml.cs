using System.Globalization;
using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Stays;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Travellers;

/// <summary>
/// <c>/app/travellers/{id}/plan</c>: the trip planner. Its legs form is the itinerary check (<c>POST
/// /travellers/{id}/itineraries/check</c>), posted through the API's own route (<see cref="ApiRelay"/>) as the caseworker's
/// forms are, so its validation and messages are the API's; each leg is answered in words. Below it, today's planning
/// reads (<c>/plan</c> and <c>/earliest</c>) for one stay in one area.
/// </summary>
public sealed class PlanModel(IQuerySession session, ApiRelay relay, RuleSet rules) : LedgerPageModel
{
    /// <summary>How many leg rows the form offers: enough for a trip of a few countries; an empty row is left out.</summary>
    public const int LegRows = 4;

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "enter")] public string? Enter { get; set; }
    [FromQuery(Name = "days")] public string? Days { get; set; }
    [FromQuery(Name = "regime")] public string? Regime { get; set; }

    public StayPlan? Plan { get; private set; }
    public EarliestEntryView? Earliest { get; private set; }

    /// <summary>The itinerary check's answer, and the API's refusal when the legs were refused.</summary>
    public ItineraryAnswer? Itinerary { get; private set; }
    public RelayAnswer? ItineraryRefused { get; private set; }

    /// <summary>The rows as typed (country, from, to), and which API leg index each non-empty row was sent as.</summary>
    public string[][] Rows { get; private set; } = Enumerable.Range(0, LegRows).Select(_ => new[] { "", "", "" }).ToArray();
    private readonly Dictionary<int, int> _sentAs = [];

    /// <summary>The rules in force, which name the regimes and rules the page shows.</summary>
    public RuleSet Rules => rules;
    public IReadOnlyList<Regime> Regimes => rules.Regimes;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(async () =>
    {
        Caller.MayRead(Id);
        if (string.IsNullOrEmpty(Enter)) return;
        Plan = await PlanningEndpoints.Plan(Id, Enter, Regime, session, rules, HttpContext, ct);
        if (!string.IsNullOrEmpty(Days))
            Earliest = await PlanningEndpoints.Earliest(Id, Days, Enter, Regime, session, rules, HttpContext, ct);
    });

    public async Task<IActionResult> OnPostItineraryAsync(CancellationToken ct)
    {
        var legs = new List<object>();
        for (var row = 0; row < LegRows; row++)
        {
            Rows[row] = [Request.Form[$"country{row}"].ToString().Trim(), Request.Form[$"from{row}"].ToString().Trim(), Request.Form[$"to{row}"].ToString().Trim()];
            if (Rows[row].All(string.IsNullOrEmpty)) continue;
            _sentAs[row] = legs.Count;
            // Sent as typed (an empty field as absent; a country's name as its code): the API's request screen and Validate judge them.
            legs.Add(new { country = Ledger.Itineraries.CountryNames.CodeOf(Rows[row][0]), from = NullIfEmpty(Rows[row][1]), to = NullIfEmpty(Rows[row][2]) });
        }
        var (answer, body) = await relay.PostForAsync<ItineraryAnswer>(HttpContext, $"/travellers/{Id}/itineraries/check", new { legs }, ct);
        if (answer.Succeeded) Itinerary = body;
        else
        {
            ItineraryRefused = answer;
            Response.StatusCode = answer.Status;
        }
        return Page();
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>The API's messages for one row's field (<c>legs[0].country</c>), and for the legs as a whole on the first row.</summary>
    public IReadOnlyList<string> ErrorsOf(int row, string field)
    {
        if (ItineraryRefused is not { } refused) return [];
        var messages = new List<string>();
        if (_sentAs.TryGetValue(row, out var index))
            foreach (var (key, values) in refused.Errors)
                if (string.Equals(key.TrimStart('$', '.'), $"legs[{index}].{field}", StringComparison.OrdinalIgnoreCase)) messages.AddRange(values);
        return messages;
    }

    /// <summary>Messages that name no single row's field (no legs at all, a leg as a whole).</summary>
    public IEnumerable<string> OtherErrors() => ItineraryRefused is not { } refused ? [] :
        refused.Errors.Where(e => !System.Text.RegularExpressions.Regex.IsMatch(e.Key.TrimStart('$', '.'), @"^legs\[\d+\]\.(country|from|to)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .SelectMany(e => e.Value);

    /// <summary>The error summary's lines: each message with the input it is about (a leg's field, or the first leg's country).</summary>
    public IReadOnlyList<(string Input, string Message)> Problems()
    {
        var list = new List<(string, string)>();
        for (var row = 0; row < LegRows; row++)
            foreach (var field in new[] { "country", "from", "to" })
                list.AddRange(ErrorsOf(row, field).Select(m => ($"{field}{row}", $"Leg {row + 1}: {m}")));
        list.AddRange(OtherErrors().Select(m => ("country0", m)));
        if (list.Count == 0 && ItineraryRefused is { } refused) list.Add(("country0", refused.Detail ?? $"The service answered {refused.Status}."));
        return list;
    }

    /// <summary>"you" for the traveller themself, "this traveller" for anyone else.</summary>
    public string You => IsSelf(Id) ? "you" : "this traveller";
    public string Your => IsSelf(Id) ? "your" : "this traveller's";

    /// <summary>
    /// One leg in plain words: "Spain 2025-07-01 to 2025-07-30: not lawful from 2025-07-13; the latest lawful last day
    /// is 2025-07-12; rules: schengen".
    /// </summary>
    public static string LegWords(LegResult leg, RuleSet rules)
    {
        var parts = new List<string>();
        if (leg.Lawful) parts.Add("lawful");
        else parts.Add(leg.FirstUnlawfulDay is { } first ? $"not lawful from {Iso(first)}" : "not lawful");
        if (!leg.Lawful && leg.LatestLawfulLastDay is { } last)
            parts.Add(last < leg.From ? "no day of it is lawful" : $"the latest lawful last day is {Iso(last)}");
        if (!leg.Lawful && leg.EarliestLawfulFirstDay is { } earliest && earliest != leg.From)
            parts.Add($"the earliest a stay this long can start is {Iso(earliest)}");
        if (leg.Lacking.Count > 0) parts.Add($"it needs {string.Join(" and ", leg.Lacking.Select(Rendering.Words.Lacking))}");
        if (leg.CoveredBy is not null) parts.Add("a visa on record covers it");
        parts.Add(leg.Rules.Count > 0 ? $"{(leg.Rules.Count == 1 ? "rule" : "rules")}: {string.Join(", ", leg.Rules.Select(r => Rendering.Words.RuleName(r, rules)))}" : "no stay rule of this ledger counts days there");
        return $"{Rendering.Words.Country(leg.Country)} {Iso(leg.From)} to {Iso(leg.To)}: {string.Join("; ", parts)}";
    }

    public string PlanWords(StayPlan plan) => plan.LastDay is { } last
        ? $"If {You} {(IsSelf(Id) ? "enter" : "enters")} the {Rendering.Words.RuleName(plan.Regime, rules)} on {Iso(plan.Enter)}, {You} can stay {plan.MaxStayDays} {(plan.MaxStayDays == 1 ? "day" : "days")}, until {Iso(last)}."
        : $"{Rendering.Words.Capital(You)} cannot enter the {Rendering.Words.RuleName(plan.Regime, rules)} on {Iso(plan.Enter)}: the window would already hold the limit.";

    public string EarliestWords(EarliestEntryView e) =>
        $"The earliest {You} can start a stay of {e.Days} days in the {Rendering.Words.RuleName(e.Regime, rules)}, on or after {Iso(e.From)}, is {Iso(e.EarliestEntry)}.";
}
