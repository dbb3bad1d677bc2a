using Ledger.Access;
using Ledger.Projections.TravelAuthorisations;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.TravelAuthorisations;

/// <summary>
/// The checks every authorisation write starts with, as for visas: a scheme the data knows, and a caller who is a
/// caseworker of a state the scheme admits to (for an area scheme such as ETIAS, of any member state).
/// </summary>
public static class AuthorisationRights
{
    public static TravelAuthorisationScheme? Scheme(string? id, string field, FieldErrors errors)
    {
        var scheme = TravelAuthorisationSchemes.Default.Find(id);
        if (scheme is null)
            errors.Add(field, $"'{Parse.Shown(id)}' is not a travel authorisation scheme (travel-authorisation-schemes.json: {string.Join(", ", TravelAuthorisationSchemes.Default.Schemes.Select(s => s.Id))})");
        return scheme;
    }

    public static ProblemDetails ForScheme(TravelAuthorisationScheme? scheme, HttpContext http, FieldErrors errors)
    {
        if (errors.Any || scheme is null) return errors.ToProblem();
        MayRecord(Caller.Of(http), scheme.States);
        return WolverineContinue.NoProblems;
    }

    /// <summary>403 unless the caller is a caseworker of one of <paramref name="states"/>.</summary>
    public static void MayRecord(Caller caller, IReadOnlySet<string> states)
    {
        var state = states.Order(StringComparer.Ordinal).FirstOrDefault(caller.Countries.Contains) ?? states.Order(StringComparer.Ordinal).First();
        caller.MayRecordFor(state, "travel authorisations");
    }

    /// <summary>The states of a recorded authorisation's scheme (its state alone when the data no longer lists the scheme).</summary>
    public static IReadOnlySet<string> StatesOf(TravelAuthorisation a) =>
        TravelAuthorisationSchemes.Default.Find(a.Scheme)?.States ?? new HashSet<string> { a.State };
}
