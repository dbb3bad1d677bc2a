using Ledger.Access;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Travellers;
using Marten;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.TravelAuthorisations;

/// <summary>
/// One authorisation as read on a day: its facts, the passport number (null once the identity was erased, or for an
/// eTA recorded as a visa before), and its derived <c>status</c>; <c>supersededBy</c> names the later grant that replaced it.
/// </summary>
public sealed record AuthorisationOnDay(
    string AuthorisationId, string Scheme, string SchemeName, string State, string? DocumentNumber, string? DocumentIssuingCountry, DateOnly? DocumentExpires,
    DateOnly? Granted, DateOnly? ValidUntil, bool ValidUntilGiven, AuthorisationStatus Status, DateOnly? RefusedOn, string? RefusalGround,
    DateOnly? RevokedOn, string? RevocationGround, string? SupersededBy, bool FromVisaRecord);

public sealed record TravelAuthorisationsView(Guid TravellerId, DateOnly On, DateTimeOffset? AsKnownAt, IReadOnlyList<AuthorisationOnDay> Authorisations);

public static class GetTravelAuthorisationsEndpoint
{
    /// <summary>Every authorisation with its status on <paramref name="on"/> (default today UTC); with <paramref name="asKnownAt"/> (auditors, admins) as known then.</summary>
    [WolverineGet("/travellers/{id}/travel-authorisations")]
    public static async Task<TravelAuthorisationsView> Get(
        Guid id, string? on, string? asKnownAt, IQuerySession session, IdentityVault vault, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id, asKnownAt: !string.IsNullOrEmpty(asKnownAt));
        var day = Parse.OptionalDate(on, "on") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var knownAt = Parse.OptionalInstant(asKnownAt, "asKnownAt");
        var traveller = await TravellerReads.LoadAsync(session, id, knownAt, ct);
        var book = traveller.Authorisations;
        var list = new List<AuthorisationOnDay>();
        foreach (var a in book.All)
        {
            var number = await AuthorisationNumbers.OpenAsync(vault, id, a.AuthorisationId, a.SealedDocumentNumber, ct);
            list.Add(OnDay(book, a, day, number));
        }
        return new TravelAuthorisationsView(id, day, knownAt, list);
    }

    public static AuthorisationOnDay OnDay(TravelAuthorisationBook book, TravelAuthorisation a, DateOnly day, string? number) => new(
        a.AuthorisationId, a.Scheme, TravelAuthorisationSchemes.Default.Find(a.Scheme)?.Name ?? a.Scheme, a.State, number, a.DocumentIssuingCountry,
        a.DocumentExpires, a.Granted, a.ValidUntil, a.ValidUntilGiven, book.StatusOn(a, day), a.RefusedOn, a.RefusalGround, a.RevokedOn,
        a.RevocationGround, book.StatusOn(a, day) == AuthorisationStatus.Superseded ? book.SupersededBy(a, day)?.AuthorisationId : null, a.FromVisaRecord);
}
