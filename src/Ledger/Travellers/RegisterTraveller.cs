using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Travellers;

public sealed record TravelDocumentRequest(string? Type, string? Number, string? IssuingCountry);

public sealed record RegisterTravellerRequest(
    IReadOnlyList<string>? Nationalities,
    string? GivenNames,
    string? FamilyName,
    string? DateOfBirth,
    IReadOnlyList<TravelDocumentRequest?>? Documents);

public sealed record TravellerCreated(Guid Id);

public static class RegisterTravellerEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// Starts the traveller's stream; identity data goes to its own erasable document, not the events.
    /// With an <c>Idempotency-Key</c> header the traveller id is derived from the key, so a retried request answers
    /// 200 with the same id and creates nothing (409 when the retry registers other nationalities).
    /// </summary>
    [WolverinePost("/travellers")]
    public static async Task<IResult> Post(RegisterTravellerRequest request, IDocumentSession session, TimeProvider clock, HttpContext http)
    {
        Caller.Of(http).MayRegister();
        if (request.Nationalities is { Count: > Parse.MaxNationalities }) throw LedgerProblem.BadRequest($"nationalities: at most {Parse.MaxNationalities}");
        var nationalities = (request.Nationalities ?? []).Select((n, i) => Parse.Country(n, $"nationalities[{i}]")).Distinct().ToList();
        if (nationalities.Count == 0) throw LedgerProblem.BadRequest("nationalities: at least one ISO 3166-1 alpha-2 code is required");
        if (request.Documents is { Count: > Parse.MaxDocuments }) throw LedgerProblem.BadRequest($"documents: at most {Parse.MaxDocuments}");
        var documents = (request.Documents ?? []).Select((d, i) => d is null
            ? throw LedgerProblem.BadRequest($"documents[{i}] must be a document object")
            : new TravelDocument(
            Parse.Required(d.Type, $"documents[{i}].type", 40),
            Parse.Required(d.Number, $"documents[{i}].number", 40),
            Parse.Country(d.IssuingCountry, $"documents[{i}].issuingCountry"))).ToList();
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 200 || key.Any(char.IsControl)) throw LedgerProblem.BadRequest($"{IdempotencyKeyHeader} is limited to 200 characters on one line");
        var id = key.Length > 0 ? IdFromKey(Caller.Of(http).Subject, key) : Guid.CreateVersion7();
        var identity = new TravellerIdentity(id, Parse.Optional(request.GivenNames, "givenNames", Parse.MaxNameLength),
            Parse.Optional(request.FamilyName, "familyName", Parse.MaxNameLength),
            Parse.OptionalDate(request.DateOfBirth, "dateOfBirth"), documents);

        if (key.Length > 0 && await session.LoadAsync<Traveller>(id) is { } existing)
        {
            if (!existing.Nationalities.SequenceEqual(nationalities))
                throw LedgerProblem.Conflict($"{IdempotencyKeyHeader} '{key}' already registered traveller {id} with nationalities " +
                    $"{string.Join(", ", existing.Nationalities)}, not {string.Join(", ", nationalities)}");
            return Results.Ok(new TravellerCreated(id));
        }

        // Who registered, like every other write (this endpoint writes through the session, not a traveller command).
        session.LastModifiedBy = Caller.Of(http).Subject;
        session.CorrelationId = Recording.CorrelationIdOf(http);
        // A racing duplicate with the same key fails on the stream id and answers 409 (ExistingStreamIdCollisionException).
        session.Events.StartStream<Traveller>(identity.Id, new TravellerRegistered(identity.Id, nationalities, clock.GetUtcNow()));
        session.Store(identity);
        return Results.Created($"/travellers/{identity.Id}", new TravellerCreated(identity.Id));
    }

    /// <summary>A stable id for a client key (namespaced, so keys cannot be used to pick arbitrary ids).</summary>
    private static Guid IdFromKey(string subject, string key)
    {
        // Per principal: the same key from two recorders names two registrations.
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"ledger/traveller/{subject.Length}:{subject}/{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style marker
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
