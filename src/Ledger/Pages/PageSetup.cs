using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Ledger.Pages;

/// <summary>
/// The pages under <c>/app/</c> (Razor Pages, rendered on the server, no script). They read through the same
/// endpoint methods as the API, so they obey the same rights checks (<see cref="Access.Caller"/>), and are put on
/// the access log like the API's reads. Authentication is the API's own JWT validation: a page takes the token from
/// the <c>Authorization: Bearer</c> header like the API, or, in a browser, from the sign-in cookie (accepted under
/// <c>/app/</c> only, so the API never honours a cookie).
/// </summary>
public static class PageSetup
{
    public const string Root = "/app";

    public static void Add(WebApplicationBuilder builder)
    {
        // Named explicitly: the application's name is the entry assembly's, which is a test host under tests.
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Pages").AddApplicationPart(typeof(PageSetup).Assembly);
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, PageSignIn.AcceptCookieOnPages);
        builder.Services.AddHttpClient(ApiRelay.ClientName);
        builder.Services.AddSingleton<ApiRelay>();
        ProviderSignIn.Add(builder);
    }

    public static void Map(WebApplication app)
    {
        // A new visitor lands on the pages, not on a 404.
        app.MapGet("/", () => Results.Redirect(Root + "/")).AllowAnonymous().ExcludeFromDescription();
        PageStyles.Map(app);
        app.MapRazorPages();
    }

    /// <summary>Is this request for a page (not for the API)?</summary>
    public static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments(Root, StringComparison.Ordinal);

    /// <summary>A page that shows a traveller's record (its route has the traveller's id): put on the access log like the API's reads.</summary>
    public static bool ReadsRecord(string routePattern) =>
        // Razor Pages' patterns have no leading slash ("app/travellers/{id:guid}").
        ("/" + routePattern.TrimStart('/')).StartsWith(Root + "/", StringComparison.Ordinal) && routePattern.Contains("travellers/{id", StringComparison.Ordinal);
}
