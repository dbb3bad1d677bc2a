using System.Reflection;
using System.Security.Cryptography;

namespace Ledger.Pages;

/// <summary>
/// The pages' stylesheet (Pages/Shared/ledger.css, embedded in the assembly), served at <see cref="Path"/> to anyone:
/// the sign-in page needs it before a token exists, and it holds no data. A file rather than an inline
/// <c>&lt;style&gt;</c>, so the pages' Content-Security-Policy allows styles from this origin only.
/// </summary>
public static class PageStyles
{
    public const string Path = PageSetup.Root + "/ledger.css";

    private static readonly Lazy<(byte[] Body, string ETag)> Sheet = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ledger.Pages.ledger.css")
            ?? throw new InvalidOperationException("The pages' stylesheet (Pages/Shared/ledger.css) is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var body = copy.ToArray();
        return (body, "\"" + Convert.ToHexString(SHA256.HashData(body))[..16] + "\"");
    });

    public static void Map(WebApplication app) =>
        app.MapGet(Path, (HttpContext http) =>
        {
            var (body, etag) = Sheet.Value;
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "public, max-age=3600";
            if (http.Request.Headers.IfNoneMatch == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(body, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
}
