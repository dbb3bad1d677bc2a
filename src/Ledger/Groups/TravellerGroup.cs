namespace Ledger.Groups;

/// <summary>
/// A household or a party travelling together (a family, a school trip): a name and the travellers in it, by id, so
/// their trips and statuses can be read together. A plain document, not an event stream: it records no fact about
/// anyone's travel, and each member's record stays their own (and is read under their own rights).
/// </summary>
public sealed record TravellerGroup(Guid Id, string Name, IReadOnlyList<Guid> Members, string CreatedBy, DateTimeOffset CreatedAt);
