using System.Globalization;
using Ledger.Itineraries;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Warnings;

namespace Ledger.Pages.Rendering;

/// <summary>Names and sentences the pages show in place of the API's ids and codes: rules by name, countries by name, warnings in words.</summary>
public static class Words
{
    /// <summary>"schengen" → "Schengen area short stay": a regime, per-visit rule, sub-area agreement or visa list by its name; the id when none has it.</summary>
    public static string RuleName(string id, RuleSet rules)
    {
        return rules.Regimes.FirstOrDefault(r => r.Id == id)?.Name
            ?? rules.VisitRules.FirstOrDefault(r => r.Id == id)?.Name
            ?? rules.SubAreaAgreements.FirstOrDefault(r => r.Id == id)?.Name
            ?? rules.VisaRequirements.FirstOrDefault(r => r.Area == id)?.Name
            ?? (id == "visa-requirement" ? "the visa requirement" : id);
    }

    public static string Country(string code) => CountryNames.Of(code);

    /// <summary>Why a state sees a record: "its own record", or "shared by the United Kingdom under Five Eyes immigration information sharing".</summary>
    public static string SharedBy(string holder, string sharedUnder) => sharedUnder == "own"
        ? "its own record"
        : $"shared by {Country(holder)} under {Projections.Sharing.SharingRules.Default.Arrangements.FirstOrDefault(a => a.Id == sharedUnder)?.Name ?? sharedUnder}";

    /// <summary>What a visa lacks for a leg (the itinerary check's <c>lacking</c> codes), in words.</summary>
    public static string Lacking(string code) => code switch
    {
        "visa" => "a visa for the area",
        "validity" => "a visa valid on every day of the trip",
        "durationOfStay" => "enough days of stay left on the visa",
        "entries" => "an entry left on the visa",
        _ when code.StartsWith(TravelAuthorisationPrefix, StringComparison.Ordinal) =>
            $"a valid {Projections.TravelAuthorisations.TravelAuthorisationSchemes.Default.Find(code[TravelAuthorisationPrefix.Length..])?.Name ?? "travel authorisation"}",
        _ => code,
    };

    private const string TravelAuthorisationPrefix = "travelAuthorisation:";

    /// <summary>"7 December 2026".</summary>
    public static string Long(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"passport" → "Passport".</summary>
    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Days(int n) => n == 1 ? "1 day" : $"{n} days";

    public static string Source(CrossingSource source) => source switch
    {
        CrossingSource.BorderSystem => "border system",
        CrossingSource.PassportStamp => "passport stamp",
        CrossingSource.PartnerFeed => "partner state's feed",
        CrossingSource.SelfReported => "reported by the traveller",
        _ => Show.Text(source),
    };

    /// <summary>
    /// Why a warning was withdrawn, as the ledger gave it, with the record ids it names put in words: the crossing
    /// becomes "the entry crossing of 1 May 2026 in Greece" (the stay the warning was about), a plan "the planned trip",
    /// a rule id its name, a threshold id what it means.
    /// </summary>
    public static string Withdrawal(WarningIssued w, string reason, RuleSet rules)
    {
        var entry = $"the entry crossing of {Long(w.Facts.StayEntryDate)} in {Country(w.Facts.StayEntryCountry)}";
        var text = System.Text.RegularExpressions.Regex.Replace(reason, "crossing '[^']*'", entry);
        text = System.Text.RegularExpressions.Regex.Replace(text, "plan '[^']*'", "the planned trip");
        text = System.Text.RegularExpressions.Regex.Replace(text, "'(overstay-started|last-lawful-day|[0-9]+-days-left)'", m => m.Groups[1].Value switch
        {
            "overstay-started" => "the overstay",
            "last-lawful-day" => "the last lawful day",
            var t => $"the point of {t.Replace("-days-left", "", StringComparison.Ordinal)} days left",
        });
        text = text.Replace($"the {w.Regime} area", $"the area of the {RuleName(w.Regime, rules)}", StringComparison.Ordinal)
            .Replace($"under {w.Regime}", $"under the {RuleName(w.Regime, rules)}", StringComparison.Ordinal);
        return text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>What a warning the ledger issued says, in words (its threshold and the stay it is about).</summary>
    public static string Warning(WarningIssued w, RuleSet rules)
    {
        var last = w.LastLawfulDay is { } d ? Long(d) : null;
        var what = w.Threshold switch
        {
            "overstay-started" => "Over the limit: the stay went past its last lawful day" + (last is null ? "" : $" ({last})"),
            "last-lawful-day" => "Last lawful day of the stay" + (last is null ? "" : $": {last}"),
            WarningRules.RecordsIncomplete => "The records leave some days uncertain (a gap or a contradiction in the crossings)",
            WarningRules.VisaEndsDuringStay => "The visa ends before the stay does" + (last is null ? "" : $"; last lawful day {last}"),
            WarningRules.VisaEntriesUsed => "The visa's entries are used up",
            var t when t.StartsWith(Ledger.Projections.Plans.PlanRules.PlanNoLongerLawful, StringComparison.Ordinal) =>
                $"A planned trip is no longer lawful: the leg in {Country(w.Facts.StayEntryCountry)} from {Long(w.Facts.StayEntryDate)}" + (last is null ? "" : $" may last until {last}"),
            var t when t.EndsWith("-days-left", StringComparison.Ordinal) =>
                $"{Days(w.DaysRemaining)} left" + (last is null ? "" : $": the last lawful day is {last}"),
            var t => t,
        };
        var stay = w.Threshold.StartsWith(Ledger.Projections.Plans.PlanRules.PlanNoLongerLawful, StringComparison.Ordinal)
            ? "" : $" (stay entered in {Country(w.Facts.StayEntryCountry)} on {Long(w.Facts.StayEntryDate)}, {w.DaysUsed} days used)";
        return $"{RuleName(w.Regime, rules)}: {what}{stay}.";
    }
}
