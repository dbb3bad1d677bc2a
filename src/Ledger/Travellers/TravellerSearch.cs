using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Ledger.Access;
using Ledger.Projections.Travellers;
using Ledger.Projections.StayRules;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Hosting;

namespace Ledger.Travellers;

/// <summary>
/// One row of the blind index: a keyed digest of one identity value (<see cref="BlindIndex"/>) and the traveller it
/// finds. Its own table (a Marten document, indexed on <see cref="Digest"/>), written with the registration and deleted
/// with the identity on erasure.
/// </summary>
public sealed record TravellerSearchKey(string Id, Guid TravellerId, string Digest)
{
    public static TravellerSearchKey For(Guid traveller, string digest) => new($"{digest}:{traveller:N}", traveller, digest);

    /// <summary>The keys of one identity: one per document, and one for family name with date of birth when both are known.</summary>
    public static IEnumerable<TravellerSearchKey> Of(TravellerIdentity identity, BlindIndex index)
    {
        foreach (var d in identity.Documents) yield return For(identity.Id, index.OfDocument(d.IssuingCountry, d.Number));
        if (!string.IsNullOrWhiteSpace(identity.FamilyName) && identity.DateOfBirth is { } born)
            yield return For(identity.Id, index.OfNameAndBirth(identity.FamilyName, born));
    }

    /// <summary>The table and its indexes (called from <see cref="LedgerStore.Configure"/>).</summary>
    public static void Configure(StoreOptions opts) =>
        opts.Schema.For<TravellerSearchKey>().Index(k => k.Digest).Index(k => k.TravellerId);
}

public sealed record FoundTraveller(Guid Id, IReadOnlyList<string> Nationalities);

public sealed record TravellerSearchResult(IReadOnlyList<FoundTraveller> Travellers);

/// <summary>
/// What a search asks, in the request body: a document number with its issuing country, or a family name with a date
/// of birth (a string here, so that no message, even the request screen's, quotes a malformed date of birth).
/// </summary>
public sealed record TravellerSearchRequest(
    [property: MaxLength(40)] string? Document, [property: MaxLength(2)] string? IssuingCountry,
    [property: MaxLength(Parse.MaxNameLength)] string? FamilyName, [property: MaxLength(10)] string? DateOfBirth);

/// <summary>
/// <c>POST /travellers/search { document, issuingCountry }</c> or <c>{ familyName, dateOfBirth }</c>: the travellers
/// whose identity matches exactly (after normalisation), for caseworkers. The values travel in the body, never in a URL
/// (which browsers keep in their history and proxies and servers write to their logs); they are digested with the
/// blind index key and looked up by digest, and never stored, logged or echoed in a message. (The former
/// <c>GET /travellers?document=...</c> is gone: it put them in the URL; see docs/records.md, "Finding a traveller".)
/// </summary>
public static class TravellerSearchEndpoint
{
    /// <summary>The right first (so a refusal says nothing about who is registered), then exactly one complete form, by field, without quoting the values.</summary>
    public static ProblemDetails Validate(TravellerSearchRequest request, HttpContext http)
    {
        Caller.Of(http).MaySearchTravellers();
        var (document, issuingCountry, familyName, dateOfBirth) = (request.Document, request.IssuingCountry, request.FamilyName, request.DateOfBirth);
        var errors = new FieldErrors();
        var byDocument = !string.IsNullOrEmpty(document) || !string.IsNullOrEmpty(issuingCountry);
        var byName = !string.IsNullOrEmpty(familyName) || !string.IsNullOrEmpty(dateOfBirth);
        if (byDocument == byName)
            errors.Add("query", "search by document and issuingCountry, or by familyName and dateOfBirth (one of the two)");
        else if (byDocument)
        {
            if (string.IsNullOrWhiteSpace(document) || document.Length > 40 || document.Any(char.IsControl))
                errors.Add("document", "document is required with issuingCountry: a document number of at most 40 characters");
            if (issuingCountry is null || !CountryCodes.IsKnown(issuingCountry))
                errors.Add("issuingCountry", "issuingCountry is required with document: an ISO 3166-1 alpha-2 code, e.g. FR");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(familyName) || familyName.Length > Parse.MaxNameLength || familyName.Any(char.IsControl))
                errors.Add("familyName", $"familyName is required with dateOfBirth: a name of at most {Parse.MaxNameLength} characters");
            // Not Parse.Date: its message quotes the value, and a date of birth is personal data.
            if (!DateOnly.TryParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors.Add("dateOfBirth", "dateOfBirth is required with familyName: an ISO date, yyyy-MM-dd");
        }
        return errors.ToProblem();
    }

    [WolverinePost("/travellers/search")]
    public static async Task<TravellerSearchResult> Post(TravellerSearchRequest request, IQuerySession session, BlindIndex index, CancellationToken ct)
    {
        var digest = !string.IsNullOrEmpty(request.Document)
            ? index.OfDocument(request.IssuingCountry!, request.Document)
            : index.OfNameAndBirth(request.FamilyName!, DateOnly.ParseExact(request.DateOfBirth!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var ids = (await session.Query<TravellerSearchKey>().Where(k => k.Digest == digest).Select(k => k.TravellerId).ToListAsync(ct)).Distinct().ToList();
        var travellers = await session.LoadManyAsync<Traveller>(ct, ids);
        return new TravellerSearchResult(travellers.OrderBy(t => t.Id).Select(t => new FoundTraveller(t.Id, t.Nationalities)).ToList());
    }
}
