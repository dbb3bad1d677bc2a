using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages;

/// <summary>Forgets the browser's token.</summary>
[AllowAnonymous]
public sealed class SignOutModel : LedgerPageModel
{
    public IActionResult OnGet()
    {
        PageSignIn.Forget(Response);
        return LocalRedirect(PageSetup.Root + "/");
    }
}
