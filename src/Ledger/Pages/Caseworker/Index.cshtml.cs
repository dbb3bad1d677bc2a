using Ledger.Travellers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Caseworker;

/// <summary>
/// <c>/app/caseworker</c>: find a traveller by record id, or search by document number and issuing country or by family
/// name and date of birth. The search is <c>POST /travellers/search</c>'s own endpoint (<see cref="TravellerSearchEndpoint"/>:
/// its Validate step, right and messages by field, then its lookup by blind index), each match linking to the record.
/// The search forms are posted (with the antiforgery token every page form carries) and answered on the same response,
/// never redirected: what was typed stays out of every URL, so out of the browser's history and of server and proxy logs.
/// </summary>
public sealed class IndexModel(IQuerySession session, BlindIndex index) : LedgerPageModel
{
    [FromQuery(Name = "id")] public string? Id { get; set; }
    [BindProperty(Name = "document")] public string? Document { get; set; }
    [BindProperty(Name = "issuingCountry")] public string? IssuingCountry { get; set; }
    [BindProperty(Name = "familyName")] public string? FamilyName { get; set; }
    /// <summary>The date of birth, from its day, month and year fields (as typed when they are not numbers, for the API to refuse).</summary>
    public string? DateOfBirth => Request.HasFormContentType ? CaseForm.DateOf(Request.Form, "dateOfBirth") : null;

    /// <summary>The search forms are for those the API lets search (<see cref="Access.Caller.MaySearchTravellers"/>); opening a record by id for those who read others' records.</summary>
    public bool MaySearch => Ledger.Access.Caller.Allows(Caller.MaySearchTravellers);
    public bool MayOpenRecords => PageRights.MayReadOthers(Caller);

    public string? Message { get; private set; }

    /// <summary>The matches of a search (null when none was asked), and the API's messages by field when it was refused.</summary>
    public TravellerSearchResult? Found { get; private set; }
    public IReadOnlyDictionary<string, string[]> SearchErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Which search the form was: "document" or "name" (both forms are one page).</summary>
    public string? SearchedBy { get; private set; }

    /// <summary>Opens a record by its id (an opaque id, not personal data: the record's own address carries it too). A search is never read from the query string.</summary>
    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Id)) return Page();
        if (Guid.TryParse(Id.Trim(), out var id) && id != Guid.Empty) return LocalRedirect($"{PageSetup.Root}/caseworker/travellers/{id}");
        Message = "A record id looks like 0193a1b2-0000-7000-8000-000000000000.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public Task<IActionResult> OnPostDocumentAsync(CancellationToken ct) => SearchAsync("document", ct);
    public Task<IActionResult> OnPostNameAsync(CancellationToken ct) => SearchAsync("name", ct);

    private async Task<IActionResult> SearchAsync(string kind, CancellationToken ct)
    {
        SearchedBy = kind;
        // The form sends both fields of its kind; an empty one is absent. Only the posted form's own fields count.
        string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var request = kind == "document"
            ? new TravellerSearchRequest(Given(Document), Given(IssuingCountry), null, null)
            : new TravellerSearchRequest(null, null, Given(FamilyName), Given(DateOfBirth));
        return await ReadAsync(async () =>
        {
            if (TravellerSearchEndpoint.Validate(request, HttpContext) is HttpValidationProblemDetails refused)
            {
                SearchErrors = refused.Errors.ToDictionary(e => e.Key, e => e.Value);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            Found = await TravellerSearchEndpoint.Post(request, session, index, ct);
        });
    }

    public IReadOnlyList<string> ErrorsOf(string field) => SearchErrors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>The error summary's lines: each message with the input it is about.</summary>
    public IReadOnlyList<(string Input, string Message)> Problems()
    {
        var list = new List<(string, string)>();
        if (Message is { } message) list.Add(("id", message));
        foreach (var (key, messages) in SearchErrors)
        {
            var input = key switch
            {
                "dateOfBirth" => "dateOfBirth-day",
                "document" or "issuingCountry" or "familyName" => key,
                _ => SearchedBy == "name" ? "familyName" : "document",
            };
            list.AddRange(messages.Select(m => (input, m)));
        }
        return list;
    }
}
