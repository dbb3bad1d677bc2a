using System.Globalization;
using Ledger.Access;
using Ledger.Itineraries;
using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Visas;

namespace Ledger.Pages.Caseworker;

/// <summary>One choice of a list: the value the API takes and the words a person reads.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// One input of a form: the API field it fills, its label, and how it is typed: <c>text</c>, <c>textarea</c>,
/// <c>select</c> (from <see cref="Options"/>), <c>radios</c>, or <c>date</c> (day, month and year fields sent as one
/// ISO date). <see cref="InBody"/> false: the field names the record in the route instead (the crossing to correct).
/// </summary>
public sealed record FormField(string Name, string Label, string Kind = "text", IReadOnlyList<Choice>? Options = null, bool Required = true,
    bool Number = false, string? Hint = null, bool InBody = true)
{
    /// <summary>The id of the input an error message links to (a date's day field).</summary>
    public string InputId(string form) => Kind == "date" ? $"{form}-{Name}-day" : Kind == "radios" ? $"{form}-{Name}-0" : $"{form}-{Name}";
}

/// <summary>A form that posts one API request: its fields are the request model's, named as the API names them.</summary>
public sealed record CaseForm(string Handler, string Title, string Route, IReadOnlyList<FormField> Fields, string? Intro = null)
{
    public string Anchor => Handler.ToLowerInvariant();

    /// <summary>The JSON body: filled fields only (an empty field is absent, as a client would leave it out); numbers as numbers when they parse; a date's three fields as one date.</summary>
    public Dictionary<string, object> Body(IFormCollection form)
    {
        var body = new Dictionary<string, object>();
        foreach (var f in Fields.Where(f => f.InBody))
        {
            var value = f.Kind == "date" ? DateOf(form, f.Name) : form[f.Name].ToString().Trim();
            if (string.IsNullOrEmpty(value)) continue;
            body[f.Name] = f.Number && int.TryParse(value, out var n) ? n : value;
        }
        return body;
    }

    /// <summary>
    /// Day, month and year as one ISO date ("2026-03-07" from 7, 3, 2026). Parts that are not numbers are sent as typed
    /// ("x-3-2026"), so the API refuses them with its own message; all three empty: absent.
    /// </summary>
    public static string? DateOf(IFormCollection form, string name)
    {
        var day = form[name + "-day"].ToString().Trim();
        var month = form[name + "-month"].ToString().Trim();
        var year = form[name + "-year"].ToString().Trim();
        if (day.Length == 0 && month.Length == 0 && year.Length == 0) return null;
        return int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
               && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
               && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? $"{y:D4}-{m:D2}-{d:D2}"
            : $"{year}-{month}-{day}";
    }
}

/// <summary>
/// The record page's forms, as <c>POST /travellers/{id}/crossings|visas|incidents</c> and
/// <c>/crossings/{crossingId}/corrections</c> take them. Each is offered only when the API's rights checks
/// (<see cref="Caller"/>) let the principal make it, and its lists hold only the countries (and crossings) the
/// principal may record for, so a form shown is a form that can succeed.
/// </summary>
public static class CaseForms
{
    private static IReadOnlyList<Choice> Names<T>(Func<T, string>? label = null) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new Choice(Rendering.Show.Camel(v.ToString()), label?.Invoke(v) ?? Rendering.Show.Label(v.ToString()))).ToList();

    private static IReadOnlyList<Choice> Countries(IEnumerable<string> codes) =>
        codes.Distinct().Select(c => new Choice(c, CountryNames.WithCode(c))).OrderBy(c => c.Label, StringComparer.InvariantCulture).ToList();

    /// <summary>The forms this principal may use on this record, with their lists cut to what it may record.</summary>
    public static IReadOnlyList<CaseForm> For(Caller caller, Guid traveller, IReadOnlyList<Crossing> crossings)
    {
        var forms = new List<CaseForm>();
        var self = caller.Is(Role.Traveller) && caller.Traveller == traveller;
        // A recorder records in its own countries; the traveller anywhere, as self-reported.
        var crossingCountries = (self ? CountryNames.ByName.Select(c => c.Key) : caller.Countries)
            .Where(c => Enum.GetValues<CrossingSource>().Any(s => Caller.Allows(() => caller.MayRecordCrossing(traveller, c, s)))).ToList();
        var sources = Enum.GetValues<CrossingSource>()
            .Where(s => crossingCountries.Take(1).Any(c => Caller.Allows(() => caller.MayRecordCrossing(traveller, c, s)))).ToList();
        if (crossingCountries.Count > 0)
            forms.Add(new("Crossing", "Record a crossing", "crossings",
            [
                new("crossingId", "Crossing id", Hint: "The border system's own reference for this crossing"),
                new("direction", "Direction", "radios", Names<Direction>()),
                new("country", "Country", "select", Countries(crossingCountries)),
                new("date", "Date at the border", "date", Hint: "For example, 27 3 2026"),
                new("time", "Time (optional)", Required: false, Hint: "24-hour clock, for example 14:05"),
                new("timeZone", "Time zone (optional, with a time)", Required: false, Hint: "For example, Europe/Paris"),
                new("borderPoint", "Border point (optional)", Required: false),
                new("source", "Source", "select", sources.Select(s => new Choice(Rendering.Show.Camel(s.ToString()), Rendering.Words.Source(s))).ToList(), Required: sources.Count == 1),
            ]));

        var correctable = Caller.Allows(caller.MayCorrectCrossings)
            ? crossings.Where(c => Caller.Allows(() => caller.MayCorrectCrossing(c.Country))).ToList() : [];
        if (correctable.Count > 0)
        {
            var correctTo = caller.Countries.Where(c => Caller.Allows(() => caller.MayCorrectCrossing(c))).ToList();
            forms.Add(new("Correction", "Correct or void a crossing", "crossings/{crossingId}/corrections",
            [
                new("crossingId", "Crossing", "select", correctable.Select(c => new Choice(c.CrossingId,
                    $"{Rendering.Show.Text(c.Date)}: {Rendering.Show.Text(c.Direction)} {CountryNames.Of(c.Country)} ({Rendering.Words.Source(c.Source)})")).ToList(), InBody: false),
                new("action", "What to do", "radios", [new("void", "Void it (it stops counting; it stays in the history)"), new("correct", "Correct it (replace its content with the fields below)")]),
                new("reason", "Reason", "textarea", Hint: "Why the record is wrong: kept with the correction"),
                new("direction", "Direction (to correct)", "radios", Names<Direction>(), Required: false),
                new("country", "Country (to correct)", "select", Countries(correctTo), Required: false),
                new("date", "Date at the border (to correct)", "date", Required: false, Hint: "For example, 27 3 2026"),
                new("time", "Time (optional)", Required: false),
                new("timeZone", "Time zone (optional, with a time)", Required: false),
                new("borderPoint", "Border point (optional)", Required: false),
                new("source", "Source (to correct)", "select", Names<CrossingSource>(Rendering.Words.Source), Required: false),
            ], "A correction or a void is a new event naming the crossing; the original stays in the history."));
        }

        var visaStates = caller.Countries.Where(c => Caller.Allows(() => caller.MayRecordFor(c, "visa facts"))).ToList();
        if (visaStates.Count > 0)
            forms.Add(new("Visa", "Record an issued visa", "visas",
            [
                new("visaId", "Visa id"),
                new("applicationId", "Application id (optional)", Required: false),
                new("issuingState", "Issuing state", "select", Countries(visaStates)),
                new("type", "Type", Hint: "The issuing state's category code, for example C, B1/B2, SV, TRV, 600"),
                new("entries", "Entries", "radios", Names<VisaEntries>()),
                new("validFrom", "Valid from", "date"),
                new("validUntil", "Valid until", "date"),
                new("durationDays", "Duration of stay (days)", Number: true),
                new("issuedOn", "Issued on", "date"),
            ]));

        var jurisdictions = caller.Countries.Where(c => Caller.Allows(() => caller.MayRecordFor(c, "incidents"))).ToList();
        if (jurisdictions.Count > 0)
            forms.Add(new("Incident", "Record an incident", "incidents",
            [
                new("incidentId", "Incident id"),
                new("jurisdiction", "Jurisdiction", "select", Countries(jurisdictions)),
                new("date", "Date", "date"),
                new("category", "Category", "select", Names<IncidentCategory>()),
                new("severity", "Severity (optional)", "select", Names<Severity>(), Required: false),
                new("source", "Source (who reports it)"),
                new("description", "Description (optional)", "textarea", Required: false),
            ]));
        return forms;
    }
}
