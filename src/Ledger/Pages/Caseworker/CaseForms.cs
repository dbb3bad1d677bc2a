using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Visas;

namespace Ledger.Pages.Caseworker;

/// <summary>One input of a form: the API field it fills, its label, and how it is typed.</summary>
public sealed record FormField(string Name, string Label, string Kind = "text", IReadOnlyList<string>? Options = null, bool Required = true, bool Number = false);

/// <summary>A form that posts one API request: its fields are the request model's, named as the API names them.</summary>
public sealed record CaseForm(string Handler, string Title, string Route, IReadOnlyList<FormField> Fields)
{
    /// <summary>The JSON body: filled fields only (an empty field is absent, as a client would leave it out); numbers as numbers when they parse.</summary>
    public Dictionary<string, object> Body(IFormCollection form)
    {
        var body = new Dictionary<string, object>();
        foreach (var f in Fields)
        {
            var value = form[f.Name].ToString().Trim();
            if (value.Length == 0) continue;
            body[f.Name] = f.Number && int.TryParse(value, out var n) ? n : value;
        }
        return body;
    }
}

/// <summary>The caseworker's forms: a crossing, a visa, an incident, as <c>POST /travellers/{id}/crossings|visas|incidents</c> take them.</summary>
public static class CaseForms
{
    private static IReadOnlyList<string> Names<T>() where T : struct, Enum => Enum.GetNames<T>().Select(Rendering.Show.Camel).ToList();

    public static readonly CaseForm Crossing = new("Crossing", "Record a crossing", "crossings",
    [
        new("crossingId", "Crossing id"),
        new("direction", "Direction", "select", Names<Direction>()),
        new("country", "Country (ISO code, e.g. FR)"),
        new("date", "Date at the border", "date"),
        new("time", "Time (HH:mm, optional)", Required: false),
        new("timeZone", "Time zone (IANA, e.g. Europe/Paris; with a time)", Required: false),
        new("borderPoint", "Border point (optional)", Required: false),
        new("source", "Source", "select", Names<CrossingSource>(), Required: false),
    ]);

    public static readonly CaseForm Visa = new("Visa", "Record an issued visa", "visas",
    [
        new("visaId", "Visa id"),
        new("applicationId", "Application id (optional)", Required: false),
        new("issuingState", "Issuing state (ISO code)"),
        new("type", "Type (the issuing state's category code, e.g. C, B1/B2, SV, TRV, 600)"),
        new("entries", "Entries", "select", Names<VisaEntries>()),
        new("validFrom", "Valid from", "date"),
        new("validUntil", "Valid until", "date"),
        new("durationDays", "Duration of stay (days)", Number: true),
        new("issuedOn", "Issued on", "date"),
    ]);

    public static readonly CaseForm Incident = new("Incident", "Record an incident", "incidents",
    [
        new("incidentId", "Incident id"),
        new("jurisdiction", "Jurisdiction (ISO code)"),
        new("date", "Date", "date"),
        new("category", "Category", "select", Names<IncidentCategory>()),
        new("severity", "Severity (optional)", "select", Names<Severity>(), Required: false),
        new("source", "Source (who reports it)"),
        new("description", "Description (optional)", "textarea", Required: false),
    ]);

    public static readonly IReadOnlyList<CaseForm> All = [Crossing, Visa, Incident];
}
