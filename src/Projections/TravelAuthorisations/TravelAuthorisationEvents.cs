using Ledger.Projections.Travellers;

namespace Ledger.Projections.TravelAuthorisations;

/// <summary>
/// A travel authorisation granted under <c>Scheme</c> (travel-authorisation-schemes.json) on <c>Granted</c>, tied to
/// one passport. <c>ValidUntil</c> is the issuer's date when <c>ValidUntilGiven</c>; otherwise the ledger derived it at
/// the grant from the scheme's term and <c>DocumentExpires</c>, whichever comes first. The passport number is identity
/// data: it is stored sealed under the traveller's identity key (<c>SealedDocumentNumber</c>), so erasing the identity
/// erases it here too.
/// </summary>
public sealed record TravelAuthorisationGranted(
    Guid TravellerId, string AuthorisationId, string Scheme, SealedText? SealedDocumentNumber, string DocumentIssuingCountry,
    DateOnly? DocumentExpires, DateOnly Granted, DateOnly ValidUntil, bool ValidUntilGiven);

/// <summary>An application for a travel authorisation refused (an ESTA denial, an eTA refusal) on <c>Date</c>.</summary>
public sealed record TravelAuthorisationRefused(Guid TravellerId, string AuthorisationId, string Scheme, DateOnly Date, string? Ground);

/// <summary>A granted travel authorisation revoked (cancelled) by its issuer, from <c>Date</c> on.</summary>
public sealed record TravelAuthorisationRevoked(Guid TravellerId, string AuthorisationId, DateOnly Date, string? Ground);
