using Ledger.Pages;
using Ledger.ApiDocument;

namespace Ledger.Hardening;

/// <summary>
/// Response headers that keep a browser from being turned against the pages: every answer says nosniff and sends no
/// referrer (a page's address names a traveller); pages may run no script at all, take styles and images from this
/// origin only, post forms only here and never be framed; API answers may not be framed or load anything. Over https
/// every answer also pins https (HSTS) for a year. The interactive API reference (<c>/docs</c>, development only)
/// runs its own scripts and gets no Content-Security-Policy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>No script, no inline style, no framing, no plugin, no base rewrite; forms only to this origin.</summary>
    public const string PagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>JSON answers load nothing and are never framed.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (PageSetup.IsPage(http.Request)) headers.ContentSecurityPolicy = PagePolicy;
                else if (!http.Request.Path.StartsWithSegments(ApiReference.Path, StringComparison.Ordinal)) headers.ContentSecurityPolicy = ApiPolicy;
                if (http.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
