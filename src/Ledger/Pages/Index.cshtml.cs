using Microsoft.AspNetCore.Authorization;

namespace Ledger.Pages;

/// <summary>The landing page: anyone may see it; what it links to depends on who is signed in.</summary>
[AllowAnonymous]
public sealed class IndexModel : LedgerPageModel
{
    public void OnGet() { }
}
