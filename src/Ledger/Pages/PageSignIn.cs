using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Ledger.Pages;

/// <summary>
/// How a browser carries its token to the pages: the token (a development token, or the access token the configured
/// OpenID Connect provider issued) is kept in an HttpOnly, SameSite=Strict cookie scoped to <c>/app</c> and validated
/// exactly as a bearer header is, on every request. Without a valid token a page redirects to the sign-in page; the
/// API's 401 problem answers are unchanged.
/// </summary>
public static class PageSignIn
{
    public const string CookieName = "ledger-token";
    public const string Path = PageSetup.Root + "/sign-in";

    public static void AcceptCookieOnPages(JwtBearerOptions options)
    {
        var events = options.Events ?? new JwtBearerEvents();
        var received = events.OnMessageReceived;
        var challenge = events.OnChallenge;
        events.OnMessageReceived = async context =>
        {
            await received(context);
            if (context.Token is null && PageSetup.IsPage(context.Request) && string.IsNullOrEmpty(context.Request.Headers.Authorization)
                && context.Request.Cookies.TryGetValue(CookieName, out var token) && !string.IsNullOrWhiteSpace(token))
                context.Token = token;
        };
        events.OnChallenge = async context =>
        {
            // A person in a browser is sent to sign in; a tool that sent a header gets the API's 401 problem.
            if (PageSetup.IsPage(context.Request) && string.IsNullOrEmpty(context.Request.Headers.Authorization))
            {
                context.HandleResponse();
                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                var reason = context.AuthenticateFailure is null ? "" : "&expired=1";
                context.Response.Redirect($"{Path}?returnUrl={Uri.EscapeDataString(back)}{reason}");
                return;
            }
            await challenge(context);
        };
        options.Events = events;
    }

    public static void Remember(HttpResponse response, string token, bool secure) =>
        response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = PageSetup.Root, IsEssential = true,
        });

    public static void Forget(HttpResponse response) => response.Cookies.Delete(CookieName, new CookieOptions { Path = PageSetup.Root });

    /// <summary>The token this request was authenticated with (header or cookie), to relay a form to the API as the same principal.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Cookies.TryGetValue(CookieName, out var token) ? token : null;
    }
}
