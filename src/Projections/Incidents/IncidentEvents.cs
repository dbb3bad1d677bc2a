namespace Ledger.Projections.Incidents;

public enum IncidentCategory { Overstay, Removal, RefusalOfEntry, Arrest, PoliceReport, TrafficOffence, DocumentFraud }

public enum Severity { Low, Medium, High }

/// <summary>An incident in a jurisdiction's records. Source says who reported it ("ledger" for detected overstays).</summary>
public sealed record IncidentRecorded(
    Guid TravellerId, string IncidentId, string Jurisdiction, DateOnly Date, IncidentCategory Category, Severity Severity,
    string Source, string? Description);

public sealed record IncidentResolved(Guid TravellerId, string IncidentId, DateOnly Date, string Resolution);

/// <summary>Struck from the record (e.g. by a court): no longer shown or shared; the event history keeps it.</summary>
public sealed record IncidentExpunged(Guid TravellerId, string IncidentId, DateOnly Date, string Reason);
