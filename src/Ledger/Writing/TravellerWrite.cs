using System.Reflection;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.Events;
using Ledger.Problems;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.Writing;

/// <summary>
/// The one step every write on a traveller takes between its own <c>Validate</c> and its handler: the traveller exists
/// (else 404), the client's <c>If-Match</c> version is the stream's (else 409), and the session is stamped with who
/// records and why. It yields the <see cref="Recording"/> (a <c>[NotBody] Recording</c> parameter: never the request
/// body); the handler receives the <see cref="Traveller"/> itself through <c>[WriteTraveller]</c>. Running after <c>Validate</c> keeps 400 and 403 answers independent of whether the
/// traveller exists.
/// </summary>
public static class TravellerWrite
{
    public static Recording Open(IEventStream<Traveller> stream, HttpContext http, IDocumentSession session)
    {
        var recording = Recording.From(http);
        if (stream.Aggregate is null)
            throw LedgerProblem.NotFound($"traveller {stream.Id} is not registered");
        if (recording.ExpectedVersion is { } expected && expected != stream.StartingVersion)
            throw LedgerProblem.Conflict(
                $"the traveller's stream is at version {stream.StartingVersion}, not {expected} as the request expected; read it again",
                new Dictionary<string, object?> { ["currentVersion"] = stream.StartingVersion });
        recording.StampOn(session);
        return recording;
    }

    /// <summary>Whether an endpoint writes to a traveller's stream (has a <c>[WriteTraveller]</c> parameter).</summary>
    public static bool IsTravellerWrite(HttpChain chain) =>
        chain.Method.Method.GetParameters().Any(p => p.GetCustomAttribute<WriteTravellerAttribute>() is not null);
}

/// <summary>Puts <see cref="TravellerWrite.Open"/> last among the middleware of every traveller write (after <c>Validate</c>).</summary>
public sealed class OpenTravellerWrites : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(TravellerWrite.IsTravellerWrite))
            chain.Middleware.Add(new MethodCall(typeof(TravellerWrite), nameof(TravellerWrite.Open)));
    }
}
