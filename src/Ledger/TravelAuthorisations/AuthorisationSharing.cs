using Ledger.Projections.TravelAuthorisations;

namespace Ledger.TravelAuthorisations;

/// <summary>A travel authorisation refused or revoked (an ESTA denial, a cancelled eTA): its id, scheme, state, day and ground when given.</summary>
public sealed record AuthorisationEvent(string AuthorisationId, string Scheme, string State, DateOnly Date, string? Ground);

/// <summary>
/// A granted travel authorisation as another state sees it: its scheme, validity and status on the day asked (a
/// revocation shows as <c>revoked</c> with its day and ground, as a revoked visa shows its ending). The passport
/// number is identity data and is never shared (a shared visa carries none either).
/// </summary>
public sealed record SharedAuthorisation(
    string AuthorisationId, string Scheme, string SchemeName, string State, string? DocumentIssuingCountry, DateOnly Granted, DateOnly? ValidUntil,
    AuthorisationStatus Status, DateOnly? RevokedOn, string? RevocationGround, string? SupersededBy);

/// <summary>
/// What the shared-records view takes from a traveller's authorisations, and who holds each. Authorisations follow
/// visas: they are shared under the arrangements that share visas. An authorisation is held by its scheme's state; an
/// area scheme's (ETIAS) by the area's members together, so a member asking holds it itself and anyone else is shown
/// none. A Canadian eTA recorded as a visa before authorisations had their own record is shared as that visa, not twice.
/// </summary>
public static class AuthorisationSharing
{
    public static IEnumerable<SharedAuthorisation> Granted(TravelAuthorisationBook book, DateOnly today) =>
        book.All.Where(a => !a.IsRefusal && !a.FromVisaRecord).Select(a =>
        {
            var status = book.StatusOn(a, today);
            return new SharedAuthorisation(a.AuthorisationId, a.Scheme, TravelAuthorisationSchemes.Default.Find(a.Scheme)?.Name ?? a.Scheme, a.State,
                a.DocumentIssuingCountry, a.Granted!.Value, a.ValidUntil, status, a.RevokedOn, a.RevocationGround,
                status == AuthorisationStatus.Superseded ? book.SupersededBy(a, today)?.AuthorisationId : null);
        });

    public static IEnumerable<AuthorisationEvent> Refusals(TravelAuthorisationBook book) =>
        book.All.Where(a => a.RefusedOn is not null).Select(a => new AuthorisationEvent(a.AuthorisationId, a.Scheme, a.State, a.RefusedOn!.Value, a.RefusalGround));

    public static IEnumerable<AuthorisationEvent> Revocations(TravelAuthorisationBook book) =>
        book.All.Where(a => a.RevokedOn is not null).Select(a => new AuthorisationEvent(a.AuthorisationId, a.Scheme, a.State, a.RevokedOn!.Value, a.RevocationGround));

    /// <summary>The state holding a record of <paramref name="scheme"/> recorded under <paramref name="recordedState"/>, for <paramref name="requester"/>.</summary>
    public static string HolderFor(string scheme, string recordedState, string requester) =>
        TravelAuthorisationSchemes.Default.Find(scheme) is { Area: not null } area && area.States.Contains(requester) ? requester : recordedState;
}
