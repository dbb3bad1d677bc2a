using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Projections.TravelAuthorisations;

/// <summary>Where a travel authorisation stands on a day, derived from its facts and the dates (never stored).</summary>
public enum AuthorisationStatus { Valid, NotYetValid, Expired, Refused, Revoked, Superseded }

/// <summary>
/// One authorisation as recorded: granted (with its validity) or refused; a revocation ends a granted one.
/// <c>FromVisaRecord</c>: a Canadian eTA recorded as a visa of type ETA before authorisations had their own record
/// (read from that <see cref="VisaIssued"/>; no passport was recorded with it).
/// </summary>
public sealed record TravelAuthorisation(
    string AuthorisationId, string Scheme, string State, SealedText? SealedDocumentNumber, string? DocumentIssuingCountry, DateOnly? DocumentExpires,
    DateOnly? Granted, DateOnly? ValidUntil, bool ValidUntilGiven, DateOnly? RefusedOn, string? RefusalGround,
    DateOnly? RevokedOn, string? RevocationGround, bool FromVisaRecord = false)
{
    public bool IsRefusal => Granted is null;
}

/// <summary>
/// A traveller's travel authorisations in the order recorded. Status on a day: <c>refused</c> for a refusal;
/// <c>revoked</c> from the revocation day; <c>superseded</c> from the grant of a later one of the same scheme (an
/// issuer keeps one per traveller: IRPR s. 12.05, a new ESTA replaces the old); <c>expired</c> after its last day;
/// <c>notYetValid</c> before its grant; else <c>valid</c>.
/// </summary>
public sealed record TravelAuthorisationBook(IReadOnlyList<TravelAuthorisation> All)
{
    public static readonly TravelAuthorisationBook Empty = new([]);

    public TravelAuthorisation? Find(string authorisationId) => All.FirstOrDefault(a => a.AuthorisationId == authorisationId);

    public TravelAuthorisationBook Apply(TravelAuthorisationGranted e, string state) => Find(e.AuthorisationId) is not null ? this : new([.. All,
        new TravelAuthorisation(e.AuthorisationId, e.Scheme, state, e.SealedDocumentNumber, e.DocumentIssuingCountry, e.DocumentExpires,
            e.Granted, e.ValidUntil, e.ValidUntilGiven, null, null, null, null)]);

    public TravelAuthorisationBook Apply(TravelAuthorisationRefused e, string state) => Find(e.AuthorisationId) is not null ? this : new([.. All,
        new TravelAuthorisation(e.AuthorisationId, e.Scheme, state, null, null, null, null, null, false, e.Date, e.Ground, null, null)]);

    public TravelAuthorisationBook Apply(TravelAuthorisationRevoked e) =>
        new(All.Select(a => a.AuthorisationId == e.AuthorisationId && a.RevokedOn is null ? a with { RevokedOn = e.Date, RevocationGround = e.Ground } : a).ToList());

    /// <summary>A Canadian visa of type ETA (recorded before the eTA left the visa categories) read as the eTA it was.</summary>
    public TravelAuthorisationBook ApplyLegacy(VisaIssued e) => Find(e.VisaId) is not null ? this : new([.. All,
        new TravelAuthorisation(e.VisaId, LegacyScheme, e.IssuingState, null, null, null, e.ValidFrom, e.ValidUntil, true, null, null, null, null, FromVisaRecord: true)]);

    public const string LegacyScheme = "ca-eta";

    /// <summary>A Canadian eTA recorded as a visa (type ETA) before eTAs had their own record.</summary>
    public static bool IsLegacyEta(VisaIssued e) => e.IssuingState == "CA" && string.Equals(e.Type, "ETA", StringComparison.OrdinalIgnoreCase);

    public AuthorisationStatus StatusOn(TravelAuthorisation a, DateOnly day)
    {
        if (a.Granted is not { } granted) return AuthorisationStatus.Refused;
        if (a.RevokedOn is { } revoked && revoked <= day) return AuthorisationStatus.Revoked;
        if (day < granted) return AuthorisationStatus.NotYetValid;
        if (SupersededBy(a, day) is not null) return AuthorisationStatus.Superseded;
        return day > a.ValidUntil ? AuthorisationStatus.Expired : AuthorisationStatus.Valid;
    }

    /// <summary>The later grant of the same scheme that replaced <paramref name="a"/> by <paramref name="day"/> (recorded later when granted the same day).</summary>
    public TravelAuthorisation? SupersededBy(TravelAuthorisation a, DateOnly day)
    {
        var index = All.ToList().IndexOf(a);
        return All.Select((x, i) => (x, i)).Where(p => p.x != a && p.x.Granted is { } g && p.x.Scheme == a.Scheme && g <= day
                && (g > a.Granted || (g == a.Granted && p.i > index)))
            .Select(p => p.x).FirstOrDefault();
    }

    /// <summary>The authorisations of <paramref name="scheme"/> valid on <paramref name="day"/>.</summary>
    public IEnumerable<TravelAuthorisation> ValidOn(string scheme, DateOnly day) =>
        All.Where(a => a.Scheme == scheme && StatusOn(a, day) == AuthorisationStatus.Valid);
}
