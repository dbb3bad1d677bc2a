using Ledger.Travellers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Caseworker;

/// <summary>
/// <c>/app/caseworker</c>: find a traveller by record id, or search by document number and issuing country or by family
/// name and date of birth. The search is <c>GET /travellers</c>'s own endpoint (<see cref="TravellerSearchEndpoint"/>:
/// its Validate step, right and messages by field, then its lookup by blind index), each match linking to the record.
/// </summary>
public sealed class IndexModel(IQuerySession session, BlindIndex index) : LedgerPageModel
{
    [FromQuery(Name = "id")] public string? Id { get; set; }
    [FromQuery(Name = "document")] public string? Document { get; set; }
    [FromQuery(Name = "issuingCountry")] public string? IssuingCountry { get; set; }
    [FromQuery(Name = "familyName")] public string? FamilyName { get; set; }
    [FromQuery(Name = "dateOfBirth")] public string? DateOfBirth { get; set; }

    public string? Message { get; private set; }

    /// <summary>The matches of a search (null when none was asked), and the API's messages by field when it was refused.</summary>
    public TravellerSearchResult? Found { get; private set; }
    public IReadOnlyDictionary<string, string[]> SearchErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Which search the form was: "document" or "name" (both forms are one page).</summary>
    public string? SearchedBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Id))
        {
            if (Guid.TryParse(Id.Trim(), out var id) && id != Guid.Empty) return LocalRedirect($"{PageSetup.Root}/caseworker/travellers/{id}");
            Message = "A record id looks like 0193a1b2-0000-7000-8000-000000000000.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Request.Query.ContainsKey("document") || Request.Query.ContainsKey("issuingCountry")) SearchedBy = "document";
        else if (Request.Query.ContainsKey("familyName") || Request.Query.ContainsKey("dateOfBirth")) SearchedBy = "name";
        if (SearchedBy is null) return Page();
        // The form sends both fields of its kind; an empty one is absent, as in a query string.
        string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var (document, country, family, born) = (Given(Document), Given(IssuingCountry), Given(FamilyName), Given(DateOfBirth));
        return await ReadAsync(async () =>
        {
            if (TravellerSearchEndpoint.Validate(document, country, family, born, HttpContext) is HttpValidationProblemDetails refused)
            {
                SearchErrors = refused.Errors.ToDictionary(e => e.Key, e => e.Value);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            Found = await TravellerSearchEndpoint.Get(document, country, family, born, session, index, ct);
        });
    }

    public IReadOnlyList<string> ErrorsOf(string field) => SearchErrors.TryGetValue(field, out var messages) ? messages : [];
}
