using Ledger.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Pages;

/// <summary>
/// Keeps a token for the browser (see <see cref="PageSignIn"/>). The token is validated on the next page like any
/// bearer token, so this page grants nothing by itself.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(AuthOptions auth, PageOptions pages) : LedgerPageModel
{
    [FromQuery(Name = "returnUrl")] public string? ReturnUrl { get; set; }
    [FromQuery(Name = "expired")] public bool Expired { get; set; }

    public bool UsesProvider => !string.IsNullOrWhiteSpace(auth.Authority);
    public string? Authority => auth.Authority;
    public string Audience => auth.Audience;

    /// <summary>The provider's sign-in is offered (Ledger:Auth:Authority and Ledger:Pages:ClientId are set).</summary>
    public bool ProviderSignInConfigured => ProviderSignIn.Configured(auth, pages);

    public void OnGet() { }

    /// <summary>Starts the authorization code flow at the provider; it comes back to <c>/app/signin-oidc</c>.</summary>
    public IActionResult OnGetProvider()
    {
        if (!ProviderSignInConfigured) return RedirectToPage();
        return Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = Back(ReturnUrl) }, ProviderSignIn.Scheme);
    }

    public IActionResult OnPost([FromForm] string? token, [FromForm] string? returnUrl)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > 8192 || token.Any(char.IsWhiteSpace)) return RedirectToPage(new { expired = true, returnUrl });
        PageSignIn.Remember(Response, token, Request.IsHttps);
        return LocalRedirect(Back(returnUrl));
    }

    /// <summary>Only back to a page of this service: never to another site.</summary>
    private string Back(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(PageSetup.Root, StringComparison.Ordinal) ? returnUrl : PageSetup.Root + "/";
}
