namespace Ledger.Problems;

/// <summary>
/// A request the ledger refuses, with the HTTP status and RFC 7807 fields to answer it with. Thrown by validation
/// and handlers before anything is written, so the ledger is unchanged when a client sees one.
/// </summary>
public sealed class LedgerProblem(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static LedgerProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Invalid request", detail);

    /// <summary>403: the token is valid but carries no right to this act. Never depends on whether a record exists.</summary>
    public static LedgerProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static LedgerProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);

    public static LedgerProblem Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail, extensions);
}
