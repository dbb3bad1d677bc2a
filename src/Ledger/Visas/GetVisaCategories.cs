using Ledger.Access;
using Ledger.Projections.Visas;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Visas;

/// <summary><c>GET /visa-categories?state=CC</c>: the visa and permit categories a state issues, for any authenticated principal.</summary>
public static class GetVisaCategoriesEndpoint
{
    public sealed record CategoryView(string Code, string Name, PermissionKind Kind, bool CountsAsPermanentResidence, IReadOnlyList<string> ExemptsFromRegimes, string Citation);

    public sealed record CategoriesView(string State, string Issuer, string Version, IReadOnlyList<CategoryView> Categories);

    [WolverineGet("/visa-categories")]
    public static CategoriesView Get(string? state, HttpContext http)
    {
        _ = Caller.Of(http);
        var code = Parse.Country(state, "state");
        var all = VisaCategories.Default;
        var issuer = all.IssuerOf(code)
            ?? throw LedgerProblem.NotFound($"no visa categories are recorded for {code} (visa-categories.json covers {string.Join(", ", all.States)})");
        return new CategoriesView(code, issuer.Id, all.Version,
            issuer.Categories.Select(c => new CategoryView(c.Code, c.Name, c.Kind, c.CountsAsPermanentResidence, c.ExemptsFromRegimes, c.Citation)).ToList());
    }
}
