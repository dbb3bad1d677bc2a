using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Travellers;
using Ledger.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.TravelAuthorisations;

/// <summary>
/// A travel authorisation granted on <c>granted</c> under <c>scheme</c>, tied to the passport <c>documentNumber</c>
/// issued by <c>documentIssuingCountry</c> (expiring on <c>documentExpires</c>, when known). <c>validUntil</c> is the
/// issuer's date; without it the ledger derives it from the scheme's term and the passport's expiry, whichever first.
/// </summary>
public sealed record GrantTravelAuthorisationRequest(
    [property: Required] string? AuthorisationId, [property: Required, MaxLength(40)] string? Scheme,
    [property: Required, MaxLength(40)] string? DocumentNumber, [property: Required] string? DocumentIssuingCountry,
    DateOnly? DocumentExpires, [property: Required] DateOnly? Granted, DateOnly? ValidUntil);

/// <summary>
/// <c>POST /travellers/{id}/travel-authorisations</c>: by a caseworker of a state the scheme admits to. The
/// authorisation id is an idempotency key: the same grant again is a 200, other content under it a 409.
/// </summary>
public static class GrantTravelAuthorisationEndpoint
{
    public static ProblemDetails Validate(GrantTravelAuthorisationRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var scheme = AuthorisationRights.Scheme(request.Scheme, "scheme", errors);
        errors.Check("documentIssuingCountry", () => Parse.Country(request.DocumentIssuingCountry, "documentIssuingCountry"));
        if (request.DocumentNumber is { } number && (number.Length == 0 || number.Any(c => !char.IsAsciiLetterOrDigit(c))))
            errors.Add("documentNumber", "documentNumber must be letters and digits only");
        var granted = request.Granted!.Value;
        if (request.ValidUntil is { } until && until < granted)
            errors.Add("validUntil", $"validUntil {until:yyyy-MM-dd} is before granted {granted:yyyy-MM-dd}");
        if (request.DocumentExpires is { } expires && expires < granted)
            errors.Add("documentExpires", $"documentExpires {expires:yyyy-MM-dd} is before granted {granted:yyyy-MM-dd}: an authorisation is granted on a valid passport");
        return AuthorisationRights.ForScheme(scheme, http, errors);
    }

    [WolverinePost("/travellers/{id}/travel-authorisations")]
    public static async Task<(IResult, Events)> Post(
        GrantTravelAuthorisationRequest r, [WriteTraveller] Traveller traveller, [NotBody] Recording recording, IdentityVault vault, HttpContext http)
    {
        var scheme = TravelAuthorisationSchemes.Default.Find(r.Scheme)!;
        var id = r.AuthorisationId!;
        var location = $"/travellers/{traveller.Id}/travel-authorisations";
        var validUntil = r.ValidUntil ?? scheme.ValidUntil(r.Granted!.Value, r.DocumentExpires);
        var incoming = new GrantFacts(scheme.Id, r.DocumentNumber!, r.DocumentIssuingCountry!, r.DocumentExpires, r.Granted!.Value, r.ValidUntil);
        if (traveller.Authorisations.Find(id) is { } existing)
        {
            if (existing.IsRefusal || existing.FromVisaRecord)
                throw LedgerProblem.Conflict($"authorisation '{id}' is already recorded as {(existing.IsRefusal ? "a refusal" : "a visa record")}");
            var number = await AuthorisationNumbers.OpenAsync(vault, traveller.Id, id, existing.SealedDocumentNumber, http.RequestAborted);
            var stored = new GrantFacts(existing.Scheme, number ?? "(erased)", existing.DocumentIssuingCountry!, existing.DocumentExpires,
                existing.Granted!.Value, existing.ValidUntilGiven ? existing.ValidUntil : null);
            _ = Idempotency.Decide(stored, incoming, "authorisation", id).ChangeOrThrow(incoming);
            return WriteOutcome.Of(id, null, location);
        }
        var sealedNumber = await AuthorisationNumbers.SealAsync(vault, traveller.Id, id, r.DocumentNumber!, http.RequestAborted);
        return WriteOutcome.Of(id, new TravelAuthorisationGranted(traveller.Id, id, scheme.Id, sealedNumber, r.DocumentIssuingCountry!,
            r.DocumentExpires, r.Granted!.Value, validUntil, r.ValidUntil is not null), location);
    }

    /// <summary>A grant as the client sends it: what a resend is compared on (the derived date follows from these).</summary>
    private sealed record GrantFacts(string Scheme, string DocumentNumber, string DocumentIssuingCountry, DateOnly? DocumentExpires, DateOnly Granted, DateOnly? ValidUntil);
}
