namespace Ledger.Travellers;

public sealed record TravelDocument(string Type, string Number, string IssuingCountry);

/// <summary>
/// Who the traveller is, kept out of the event stream so it can be erased (GDPR Art. 17) without touching the
/// compliance history, which only ever refers to the opaque id. Never logged.
/// </summary>
public sealed record TravellerIdentity(
    Guid Id, string? GivenNames, string? FamilyName, DateOnly? DateOfBirth, IReadOnlyList<TravelDocument> Documents);
