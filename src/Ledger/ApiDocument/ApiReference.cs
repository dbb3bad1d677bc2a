using Scalar.AspNetCore;

namespace Ledger.ApiDocument;

/// <summary>
/// The interactive API reference (Scalar) at <c>/docs</c>, over <c>/openapi/v1.json</c>: in development, or wherever
/// <c>Ledger:ApiReference</c> is true. It serves only the document everyone may read already; calls made from it need a token.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    /// <summary>Is the reference served here? The pages link to it only then (and to the OpenAPI document otherwise).</summary>
    public static bool Served(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Ledger:ApiReference", environment.IsDevelopment());

    public static void Map(WebApplication app)
    {
        if (!Served(app.Configuration, app.Environment)) return;
        app.MapScalarApiReference(Path, o => o.WithTitle("Travel-history ledger API")).AllowAnonymous();
    }
}
