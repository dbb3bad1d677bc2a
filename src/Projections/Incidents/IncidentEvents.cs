namespace Ledger.Projections.Incidents;

public enum IncidentCategory
{
    Overstay, Removal, RefusalOfEntry, Arrest, PoliceReport, TrafficOffence, DocumentFraud,
    // Port-of-entry and immigration facts, and disputes the traveller was party to.
    SecondaryInspection, Detention, ImmigrationViolation, CivilDispute,
}

public enum Severity { Low, Medium, High }

/// <summary>
/// The traveller's part in an incident. Only <see cref="Subject"/> is adverse: a complainant, victim or witness was
/// there, but the incident is not held against them (and the sharing data decides which roles travel).
/// </summary>
public enum IncidentRole { Subject, Complainant, Victim, Witness }

/// <summary>What became of an incident, as it happened: each is its own fact with its own date; several may follow each other.</summary>
public enum IncidentOutcomeKind { NoFurtherAction, Warning, Fine, Impoundment, Charged, Convicted, Acquitted, Removed, Withdrawn }

/// <summary>
/// An incident in a jurisdiction's records. Source says who reported it ("ledger" for detected overstays).
/// Without <see cref="Role"/> the traveller is the subject; without <see cref="Involved"/> nobody else is named (both
/// are optional in stored events).
/// </summary>
public sealed record IncidentRecorded(
    Guid TravellerId, string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category, Severity Severity,
    string Source, string? Description, IncidentRole? Role = null, IReadOnlyList<Guid>? Involved = null);

public sealed record IncidentResolved(Guid TravellerId, string IncidentId, DateOnly Date, string Resolution);

/// <summary>Struck from the record (e.g. by a court): no longer shown or shared; the event history keeps it.</summary>
public sealed record IncidentExpunged(Guid TravellerId, string IncidentId, DateOnly Date, string Reason);

/// <summary>One step of what became of an incident (charged, then acquitted; a fine; the car impounded), on its own date.</summary>
public sealed record IncidentOutcomeRecorded(Guid TravellerId, string IncidentId, IncidentOutcomeKind Outcome, DateOnly Date, string? Note);

/// <summary>
/// Appended to the stream of a traveller another traveller's incident names as involved (co-accused, family stopped
/// together), in the same transaction as that incident: so each record shows the link. Only ids: no identity.
/// </summary>
public sealed record IncidentLinked(Guid TravellerId, Guid OtherTravellerId, string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category);
