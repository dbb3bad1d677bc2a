using System.Text.Json.Serialization;

namespace Ledger.Projections.Visas;

public enum VisaEntries { Single, Double, Multiple }

/// <summary>
/// A visa application lodged with <c>State</c>. <c>Type</c> is a category code of that state (visa-categories.json);
/// events recorded before categories were data hold the Schengen enum A/C/D, which <see cref="VisaTypeCode"/> reads.
/// </summary>
public sealed record VisaApplied(Guid TravellerId, string ApplicationId, string State, [property: JsonConverter(typeof(VisaTypeCode))] string Type, DateOnly Date);

/// <summary>
/// The facts of an application the ledger never recorded, carried by the decision on it (a refusal or an issue): the
/// decision then records the application too, marked <c>applicationRecorded: false</c>. Its state is the decision's.
/// </summary>
public sealed record ApplicationFacts(string Type, DateOnly Date);

/// <summary>A visa granted: validity First..Until (inclusive), at most DurationDays days of stay, Entries allowed.</summary>
public sealed record VisaIssued(
    Guid TravellerId, string VisaId, string? ApplicationId, string IssuingState, [property: JsonConverter(typeof(VisaTypeCode))] string Type,
    VisaEntries Entries, DateOnly ValidFrom, DateOnly ValidUntil, int DurationDays, DateOnly IssuedOn, ApplicationFacts? Application = null);

public sealed record VisaRefused(Guid TravellerId, string? ApplicationId, string State, DateOnly Date, string Ground, ApplicationFacts? Application = null);

/// <summary>The applicant withdrew a pending application (or a caseworker recorded that they did).</summary>
public sealed record VisaApplicationWithdrawn(Guid TravellerId, string ApplicationId, DateOnly Date, string? Reason);

public enum VisaEnding { Revoked, Annulled }

/// <summary>Revoked (conditions no longer met) or annulled (conditions were never met) by a state.</summary>
public sealed record VisaRevoked(Guid TravellerId, string VisaId, VisaEnding Kind, string State, DateOnly Date, string Reason);

public sealed record VisaExtended(Guid TravellerId, string VisaId, DateOnly ValidUntil, int DurationDays, DateOnly Date, string Reason);

/// <summary>Which visa fact a void takes back. (Stored as numbers: add new kinds at the end.)</summary>
public enum VisaRecordKind { Application, Refusal, Issue, Withdrawal }

/// <summary>
/// A caseworker took back a visa fact recorded by mistake: an application, a refusal or a withdrawal (all named by
/// the application id) or an issued visa (named by the visa id). The voided fact stays in the stream (auditors see it
/// in /events and as known before the void) but leaves the current view and the shared records.
/// </summary>
public sealed record VisaRecordVoided(Guid TravellerId, VisaRecordKind Record, string RecordId, string Reason);
