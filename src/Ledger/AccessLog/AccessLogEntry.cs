namespace Ledger.AccessLog;

/// <summary>
/// One look at a traveller's record: which route, who (subject, roles, countries as the token stated them), when,
/// the correlation id, the stated purpose (<c>X-Purpose</c>), and for shared-records lookups the state asked as.
/// Inserted once and never updated: the table refuses UPDATE, DELETE and TRUNCATE (see <see cref="AccessLogTable"/>).
/// </summary>
public sealed record AccessLogEntry(
    Guid Id, Guid TravellerId, DateTimeOffset At, string Route, string Subject, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Countries, string CorrelationId, string? Purpose, string? Requester);
