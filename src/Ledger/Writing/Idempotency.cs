using Ledger.Problems;

namespace Ledger.Writing;

/// <summary>
/// Client-supplied ids make writes idempotent: an id not yet recorded is new; the same id with the same content is
/// already recorded (nothing to append, the answer is the first one's); the same id with other content is a conflict.
/// Single writes, batches and imports all decide through <see cref="Decide"/>. Facts without an id of their own (an
/// incident's outcome or resolution) pass the same way: the same fact again is already recorded, any other is new.
/// </summary>
public static class Idempotency
{
    /// <param name="differences">
    /// How the stored record differs from the incoming one (empty: the same), or null when nothing is stored under the id.
    /// </param>
    /// <param name="mayReadStored">
    /// Whether the caller may read the stored record. A caller who may not learns that the id is taken, not what the
    /// stored record holds: the differences are left out of the conflict.
    /// </param>
    /// <param name="found">Where the id was met, in words ("was already recorded", "appears on line 3").</param>
    public static IdempotentWrite Decide(IReadOnlyList<string>? differences, string what, string id,
        bool mayReadStored = true, string found = "was already recorded")
    {
        if (differences is null) return IdempotentWrite.New;
        if (differences.Count == 0) return IdempotentWrite.AlreadyRecorded;
        var detail = $"{what} '{id}' {found} with different content";
        return mayReadStored
            ? new IdempotentWrite(IdempotentKind.Conflict, $"{detail}: {string.Join(", ", differences)}", differences)
            : new IdempotentWrite(IdempotentKind.Conflict, detail, []);
    }

    /// <summary>
    /// For records compared field by field: <paramref name="existing"/> is the record as it was first recorded, not as
    /// later facts changed it (an extended visa is compared as issued, see <c>VisaBook.AsIssued</c>), so a resend of an
    /// accepted request answers as the first time did whatever happened since.
    /// </summary>
    public static IdempotentWrite Decide<T>(T? existing, T incoming, string what, string id) where T : class =>
        Decide(existing is null ? null : Differences(existing, incoming), what, id);

    /// <summary>The properties in which two records differ, as "name (stored vs incoming)".</summary>
    public static IReadOnlyList<string> Differences<T>(T existing, T incoming) where T : class =>
        existing.Equals(incoming) ? [] : typeof(T).GetProperties()
            .Where(p => !Equals(p.GetValue(existing), p.GetValue(incoming)))
            .Select(p => $"{char.ToLowerInvariant(p.Name[0])}{p.Name[1..]} ({p.GetValue(existing)} vs {p.GetValue(incoming)})")
            .ToList();
}

public enum IdempotentKind { New, AlreadyRecorded, Conflict }

/// <summary>What a write with a client id is against what the ledger holds; a conflict carries its problem in words.</summary>
public sealed record IdempotentWrite(IdempotentKind Kind, string? Problem = null, IReadOnlyList<string>? Differences = null)
{
    public static readonly IdempotentWrite New = new(IdempotentKind.New);
    public static readonly IdempotentWrite AlreadyRecorded = new(IdempotentKind.AlreadyRecorded);

    public bool IsAlreadyRecorded => Kind == IdempotentKind.AlreadyRecorded;

    /// <summary>For single writes: the change to append, null for a resend of the same record, a 409 for a conflict.</summary>
    public T? ChangeOrThrow<T>(T change, string? idKey = null, string? id = null) where T : class => Kind switch
    {
        IdempotentKind.New => change,
        IdempotentKind.AlreadyRecorded => null,
        _ => throw ToProblem(idKey, id),
    };

    /// <summary>The 409 of a conflict; its <c>differences</c> (left out for a caller who may not read the stored record).</summary>
    public LedgerProblem ToProblem(string? idKey = null, string? id = null)
    {
        if (Differences is not { Count: > 0 } differences) return LedgerProblem.Conflict(Problem!);
        var extensions = new Dictionary<string, object?>();
        if (idKey is not null) extensions[idKey] = id;
        extensions["differences"] = differences;
        return LedgerProblem.Conflict(Problem!, extensions);
    }
}
