namespace Ledger.Hosting;

/// <summary>Client-supplied ids make writes idempotent: the same id with the same content is a no-op, with other content a 409.</summary>
public static class Idempotency
{
    /// <param name="existing">
    /// The record as it was first recorded, not as later facts changed it (an extended visa is compared as issued, see
    /// <c>VisaBook.AsIssued</c>): a resend of an accepted request answers as the first time did whatever happened since.
    /// </param>
    /// <returns>true when <paramref name="existing"/> is the same record (nothing to append); false when there is none.</returns>
    public static bool AlreadyRecorded<T>(T? existing, T incoming, string what, string id) where T : class
    {
        if (existing is null) return false;
        if (existing.Equals(incoming)) return true;
        var differences = typeof(T).GetProperties()
            .Where(p => !Equals(p.GetValue(existing), p.GetValue(incoming)))
            .Select(p => $"{char.ToLowerInvariant(p.Name[0])}{p.Name[1..]} ({p.GetValue(existing)} vs {p.GetValue(incoming)})")
            .ToList();
        throw LedgerProblem.Conflict($"{what} '{id}' was already recorded with different content: {string.Join(", ", differences)}",
            new Dictionary<string, object?> { ["differences"] = differences });
    }
}
