using Ledger.Writing;
namespace Ledger.Imports;

public enum ImportStatus { InProgress, Completed }

/// <summary>
/// What the ledger remembers of an import id: who started it, a hash of the file (the same id with another file is
/// refused, so a client cannot mix up two feeds under one id), how often it was sent, the crossings it recorded over all
/// its passes, and what the last complete pass found already present or refused. The crossings themselves need no bookkeeping here: every line is idempotent by crossing id, so a
/// resent file (after an interruption or not) records exactly what is missing.
/// </summary>
public sealed record ImportRecord(
    string Id, string Subject, string ContentSha256, int Lines, int Attempts, ImportStatus Status,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, int Recorded, int AlreadyPresent, int Refused);
