namespace Ledger.Projections.Movements;

/// <summary>What shows a move inside an area: a ticket, a hotel's record, the traveller's own word, something else.</summary>
public enum MovementSource { Ticket, HotelRecord, SelfReported, Other }

/// <summary>
/// The traveller was in <see cref="Country"/> on <see cref="Date"/>, having moved there inside the area of the stay they
/// were on (no border crossing is recorded inside Schengen). From that day the stay's days belong to that country.
/// </summary>
public sealed record MovementRecorded(Guid TravellerId, string MovementId, string Country, DateOnly Date, MovementSource Source);
