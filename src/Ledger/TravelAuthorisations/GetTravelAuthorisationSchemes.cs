using Ledger.Access;
using Ledger.Projections.TravelAuthorisations;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.TravelAuthorisations;

/// <summary><c>GET /travel-authorisation-schemes[?state=CC]</c>: the schemes admitting to a state (all without one), for any authenticated principal.</summary>
public static class GetTravelAuthorisationSchemesEndpoint
{
    public sealed record NationalView(string Country, DateOnly From, DateOnly? To, string? Source);

    public sealed record RequirementView(string? VisaFreeUnder, DateOnly? SharedFrom, IReadOnlyList<NationalView> Nationals, IReadOnlyList<NationalView> Except, string? NationalsSource);

    public sealed record SchemeView(
        string Id, string Name, string? State, string? Area, int? ValidForYears, int? ValidForMonths, bool EndsWithPassport,
        IReadOnlyList<TravelMode> Modes, DateOnly? InForceFrom, RequirementView RequiredOf, string Citation);

    public sealed record SchemesView(string? State, string Version, IReadOnlyList<SchemeView> Schemes);

    [WolverineGet("/travel-authorisation-schemes")]
    public static SchemesView Get(string? state, HttpContext http)
    {
        _ = Caller.Of(http);
        var code = string.IsNullOrEmpty(state) ? null : Parse.Country(state, "state");
        var all = TravelAuthorisationSchemes.Default;
        return new SchemesView(code, all.Version, (code is null ? all.Schemes : all.Of(code)).Select(View).ToList());
    }

    public static SchemeView View(TravelAuthorisationScheme s) => new(s.Id, s.Name, s.State, s.Area, s.ValidForYears, s.ValidForMonths,
        s.EndsWithPassport, s.Modes, s.InForceFrom,
        new RequirementView(s.RequiredOf.VisaFreeUnder, s.RequiredOf.SharedFrom, s.RequiredOf.Nationals.Select(N).ToList(),
            s.RequiredOf.Except.Select(N).ToList(), s.RequiredOf.NationalsSource), s.Citation);

    private static NationalView N(SchemeNational n) => new(n.Country, n.From, n.To, n.Source);
}
