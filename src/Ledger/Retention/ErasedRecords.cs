using Ledger.Travellers;
using Marten;

namespace Ledger.Retention;

/// <summary>
/// What retention erased among the crossings a chunked write (an import) is about to record: the crossing ids whose
/// keyed hash is in <c>retention_erased_ids</c> and the travellers whose file was erased, each with the policy it went
/// under. Read in the write's own transaction after its streams are locked, so a sweep that erased them has committed
/// (it holds the same locks) and one that has not yet run finds the records there and erases them afterwards.
/// </summary>
public sealed class ErasedRecords
{
    private readonly Dictionary<(Guid, string), string> crossings = [];
    private readonly Dictionary<Guid, string> files = [];

    public static readonly ErasedRecords None = new();

    /// <summary>The keyed hash an erased crossing's id is kept under: the sweep writes it, single writes and imports look it up.</summary>
    public static string CrossingHash(BlindIndex index, Guid traveller, string crossingId) =>
        index.OfErasedRecord(traveller, RetentionSweeper.KindName(Projections.Retention.RetainedKind.Crossings), crossingId);

    /// <summary>Why a write for a traveller whose whole file was erased is refused.</summary>
    public static string FileErased(Guid traveller, string policy) => $"traveller {traveller} was erased under retention policy {policy}";

    /// <summary>One round trip for the whole chunk.</summary>
    public static async Task<ErasedRecords> FindAsync(
        IDocumentSession session, BlindIndex index, IEnumerable<(Guid Traveller, IEnumerable<string> CrossingIds)> wanted, CancellationToken ct)
    {
        var byHash = new Dictionary<(Guid, string), string>();
        foreach (var (traveller, ids) in wanted)
            foreach (var id in ids)
                byHash.TryAdd((traveller, CrossingHash(index, traveller, id)), id);
        if (byHash.Count == 0) return None;
        await using var sql = session.Connection!.CreateCommand();
        sql.CommandText = $"""
            SELECT traveller_id, id_hash, policy_id FROM {RetentionTables.ErasedIds} WHERE traveller_id = ANY($1) AND id_hash = ANY($2)
            UNION ALL
            SELECT traveller_id, NULL, policy_id FROM {RetentionTables.Files} WHERE traveller_id = ANY($1) AND erased_at IS NOT NULL
            """;
        sql.Parameters.Add(new() { Value = byHash.Keys.Select(k => k.Item1).Distinct().ToArray() });
        sql.Parameters.Add(new() { Value = byHash.Keys.Select(k => k.Item2).Distinct().ToArray() });
        var found = new ErasedRecords();
        await using var reader = await sql.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var traveller = reader.GetGuid(0);
            if (reader.IsDBNull(1)) found.files[traveller] = reader.GetString(2);
            else if (byHash.TryGetValue((traveller, reader.GetString(1)), out var id)) found.crossings[(traveller, id)] = reader.GetString(2);
        }
        return found;
    }

    /// <summary>Why this crossing is refused (the policy it was erased under, in the words single writes use), or null.</summary>
    public string? Refusal(Guid traveller, string crossingId) =>
        files.TryGetValue(traveller, out var file) ? FileErased(traveller, file)
        : crossings.TryGetValue((traveller, crossingId), out var policy) ? $"crossing {crossingId} was erased under retention policy {policy} and cannot be recorded again"
        : null;
}
