namespace Ledger.Projections.TravelAuthorisations;

/// <summary>
/// A travel authorisation a traveller says they hold, for checks on a history sent with the request (the inline check,
/// the command line): granted on <see cref="Granted"/> under <see cref="Scheme"/>, valid to <see cref="ValidUntil"/>
/// when the issuer's date is given, else to the date the scheme derives from its term and <see cref="DocumentExpires"/>.
/// </summary>
public sealed record HeldAuthorisation(string AuthorisationId, string Scheme, DateOnly Granted, DateOnly? ValidUntil, DateOnly? DocumentExpires)
{
    /// <summary>The coverage check over the authorisations held (a scheme the data does not know covers nothing).</summary>
    public static AuthorisationCheck Check(IEnumerable<HeldAuthorisation> held, TravelAuthorisationSchemes schemes) => new(schemes, Book(held, schemes));

    private static TravelAuthorisationBook Book(IEnumerable<HeldAuthorisation> held, TravelAuthorisationSchemes schemes) => new(held
        .Select(h => (h, scheme: schemes.Find(h.Scheme)))
        .Where(x => x.scheme is not null)
        .Select(x => new TravelAuthorisation(x.h.AuthorisationId, x.scheme!.Id, x.scheme.State ?? x.scheme.Area!, null, null, x.h.DocumentExpires,
            x.h.Granted, x.h.ValidUntil ?? x.scheme.ValidUntil(x.h.Granted, x.h.DocumentExpires), x.h.ValidUntil is not null, null, null, null, null))
        .ToList());
}
