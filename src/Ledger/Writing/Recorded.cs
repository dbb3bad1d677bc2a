namespace Ledger.Writing;

/// <summary>The answer to a write: the record's id, and whether it was already there (an idempotent resend).</summary>
public sealed record Recorded(string Id, bool AlreadyRecorded)
{
    /// <summary>201 for a new record, 200 for a resend that added nothing.</summary>
    public IResult ToResult(string location) => AlreadyRecorded ? Results.Ok(this) : Results.Created(location, this);
}
