namespace Ledger.Projections.Travellers;

/// <summary>
/// A person (not a passport) became known to the ledger. Identity data (names, document numbers) is deliberately
/// absent: it lives in a separate erasable document keyed by the same opaque id.
/// </summary>
public sealed record TravellerRegistered(Guid TravellerId, IReadOnlyList<string> Nationalities, DateTimeOffset RegisteredAt);
