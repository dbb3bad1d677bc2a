using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages.Caseworker;

/// <summary><c>/app/caseworker</c>: find a traveller by record id. (Search by document comes with traveller search.)</summary>
public sealed class IndexModel : LedgerPageModel
{
    [FromQuery(Name = "id")] public string? Id { get; set; }
    public string? Message { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Id)) return Page();
        if (Guid.TryParse(Id.Trim(), out var id) && id != Guid.Empty) return LocalRedirect($"{PageSetup.Root}/caseworker/travellers/{id}");
        Message = "A record id looks like 0193a1b2-0000-7000-8000-000000000000.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
