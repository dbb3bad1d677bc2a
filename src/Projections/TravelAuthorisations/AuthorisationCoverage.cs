using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;

namespace Ledger.Projections.TravelAuthorisations;

/// <summary>What an itinerary check knows of travel authorisations: the schemes and the traveller's authorisations.</summary>
public sealed record AuthorisationCheck(TravelAuthorisationSchemes Schemes, TravelAuthorisationBook Book);

/// <summary>A leg's answer on authorisations: the one covering it, or the schemes lacking (any one of them would cover it).</summary>
public sealed record AuthorisationAssessment(string? CoveredBy, IReadOnlyList<string> Lacking);

/// <summary>
/// Does a leg entered on a day by a mode need a travel authorisation, and does one cover it? Pure. None is needed by a
/// national of the state, nor by a traveller holding a visa (not revoked or annulled) or a permit of the state valid
/// that day (those travel on it, not on a visa waiver). Otherwise every scheme admitting to the country that the
/// traveller's nationalities need (<see cref="TravelAuthorisationScheme.IsRequiredOf"/>) is a candidate: an
/// authorisation of any of them valid on the entry day covers the leg (Australia's ETA or eVisitor).
/// </summary>
public static class AuthorisationCoverage
{
    public static AuthorisationAssessment? Assess(
        AuthorisationCheck check, RuleSet rules, TravelHistory history, IReadOnlyList<Visa> visas, string country, DateOnly entry, TravelMode by)
    {
        var nationalities = history.NationalitiesOrEmpty;
        if (nationalities.Contains(country)) return null;
        var needed = check.Schemes.Schemes.Where(s => s.Admits(country, entry, rules) && s.IsRequiredOf(nationalities, entry, by, rules)).ToList();
        if (needed.Count == 0) return null;
        if (visas.Any(v => v.Status == VisaStatus.Valid && v.ValidFrom <= entry && entry <= v.ValidUntil && !IsLegacyEta(v)
                           && needed.Any(s => s.States.Contains(v.IssuingState) && (s.Area is null || v.IssuingState == country || s.Admits(v.IssuingState, entry, rules))))
            || history.PermitsOrEmpty.Any(p => p.Country == country && p.First <= entry && entry <= p.Last))
            return null;
        foreach (var scheme in needed)
            if (check.Book.ValidOn(scheme.Id, entry).FirstOrDefault() is { } covering)
                return new AuthorisationAssessment(covering.AuthorisationId, []);
        return new AuthorisationAssessment(null, needed.Select(s => $"travelAuthorisation:{s.Id}").ToList());
    }

    private static bool IsLegacyEta(Visa v) => v.IssuingState == "CA" && string.Equals(v.Type, "ETA", StringComparison.OrdinalIgnoreCase);
}
