using System.ComponentModel.DataAnnotations;
using Ledger.Access;
using Ledger.Projections.Travellers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Travellers;

public sealed record TravelDocumentRequest(
    [property: Required, MaxLength(40)] string? Type, [property: Required, MaxLength(40)] string? Number, [property: Required] string? IssuingCountry);

public sealed record RegisterTravellerRequest(
    [property: Required, MaxLength(Parse.MaxNationalities)] IReadOnlyList<string>? Nationalities,
    [property: MaxLength(Parse.MaxNameLength)] string? GivenNames,
    [property: MaxLength(Parse.MaxNameLength)] string? FamilyName,
    DateOnly? DateOfBirth,
    [property: MaxLength(Parse.MaxDocuments)] IReadOnlyList<TravelDocumentRequest>? Documents);

public sealed record TravellerCreated(Guid Id);

/// <summary>
/// <c>POST /travellers</c> starts the traveller's stream; identity data goes to its own document, encrypted under the
/// traveller's own key (<see cref="IdentityVault"/>), never to the events. With an <c>Idempotency-Key</c> header the traveller id is derived from the key (per principal), so a retried
/// request answers 200 with the same id and creates nothing (409 when the retry registers other nationalities).
/// </summary>
public static class RegisterTravellerEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static ProblemDetails Validate(RegisterTravellerRequest request, HttpContext http)
    {
        Caller.Of(http).MayRegister();
        var errors = new FieldErrors();
        var nationalities = request.Nationalities!;
        if (nationalities.Count == 0) errors.Add("nationalities", "nationalities: at least one ISO 3166-1 alpha-2 code is required");
        for (var i = 0; i < nationalities.Count; i++)
        {
            var field = $"nationalities[{i}]";
            errors.Check(field, () => Parse.Country(nationalities[i], field));
        }
        var documents = request.Documents ?? [];
        for (var i = 0; i < documents.Count; i++)
        {
            var field = $"documents[{i}].issuingCountry";
            errors.Check(field, () => Parse.Country(documents[i].IssuingCountry, field));
        }
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 200 || key.Any(char.IsControl)) errors.Add(IdempotencyKeyHeader, $"{IdempotencyKeyHeader} is limited to 200 characters on one line");
        return errors.ToProblem();
    }

    /// <summary>A retry with a key already used: the registration it made (200), or 409 when it registered other nationalities.</summary>
    public static async Task<IResult> Before(RegisterTravellerRequest request, IQuerySession session, HttpContext http)
    {
        if (KeyedId(http) is not { } id || await session.LoadAsync<Traveller>(id, http.RequestAborted) is not { } existing)
            return WolverineContinue.Result();
        var nationalities = Nationalities(request);
        if (!existing.Nationalities.SequenceEqual(nationalities))
            throw LedgerProblem.Conflict($"{IdempotencyKeyHeader} '{Parse.Shown(http.Request.Headers[IdempotencyKeyHeader])}' already registered traveller {id} with nationalities " +
                $"{string.Join(", ", existing.Nationalities)}, not {string.Join(", ", nationalities)}");
        return Results.Ok(new TravellerCreated(id));
    }

    [WolverinePost("/travellers")]
    public static async Task<(IResult, IStartStream, IMartenOp)> Post(
        RegisterTravellerRequest request, IdentityVault vault, BlindIndex index, IDocumentSession session, TimeProvider clock, HttpContext http)
    {
        var id = KeyedId(http) ?? Guid.CreateVersion7();
        var identity = new TravellerIdentity(id, request.GivenNames, request.FamilyName, request.DateOfBirth,
            (request.Documents ?? []).Select(d => new TravelDocument(d.Type!, d.Number!, d.IssuingCountry!)).ToList());
        // Only ciphertext under the traveller's own key is stored (see IdentityVault: erasure shreds the key).
        var sealedIdentity = await vault.SealAsync(identity, http.RequestAborted);
        // Found again through keyed digests only (TravellerSearch), written in the same transaction.
        session.Store(TravellerSearchKey.Of(identity, index).ToArray());
        // A racing duplicate with the same key fails on the stream id and answers 409 (ExistingStreamIdCollisionException).
        var start = MartenOps.StartStream<Traveller>(id, new TravellerRegistered(id, Nationalities(request), clock.GetUtcNow()));
        return (Results.Created($"/travellers/{id}", new TravellerCreated(id)), start, MartenOps.Store(sealedIdentity));
    }

    private static List<string> Nationalities(RegisterTravellerRequest request) => request.Nationalities!.Distinct().ToList();

    /// <summary>The id a client's <c>Idempotency-Key</c> names, if it sent one.</summary>
    private static Guid? KeyedId(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        return key.Length > 0 ? IdFromKey(Caller.Of(http).Subject, key) : null;
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
