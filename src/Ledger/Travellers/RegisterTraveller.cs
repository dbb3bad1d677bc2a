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
    IReadOnlyList<TravelDocumentRequest>? Documents);

public sealed record TravellerCreated(Guid Id);

public static class RegisterTravellerEndpoint
{
    /// <summary>Starts the traveller's stream; identity data goes to its own erasable document, not the events.</summary>
    [WolverinePost("/travellers")]
    public static IResult Post(RegisterTravellerRequest request, IDocumentSession session, TimeProvider clock)
    {
        var nationalities = (request.Nationalities ?? []).Select((n, i) => Parse.Country(n, $"nationalities[{i}]")).Distinct().ToList();
        if (nationalities.Count == 0) throw LedgerProblem.BadRequest("nationalities: at least one ISO 3166-1 alpha-2 code is required");
        var documents = (request.Documents ?? []).Select((d, i) => new TravelDocument(
            Parse.Required(d.Type, $"documents[{i}].type", 40),
            Parse.Required(d.Number, $"documents[{i}].number", 40),
            Parse.Country(d.IssuingCountry, $"documents[{i}].issuingCountry"))).ToList();
        var identity = new TravellerIdentity(Guid.CreateVersion7(), request.GivenNames, request.FamilyName,
            Parse.OptionalDate(request.DateOfBirth, "dateOfBirth"), documents);

        session.Events.StartStream<Traveller>(identity.Id, new TravellerRegistered(identity.Id, nationalities, clock.GetUtcNow()));
        session.Store(identity);
        return Results.Created($"/travellers/{identity.Id}", new TravellerCreated(identity.Id));
    }
}
