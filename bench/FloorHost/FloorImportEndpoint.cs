using System.Text.Json;
using Ledger.Access;
using Ledger.Imports;
using Ledger.Projections.Crossings;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine.Http;

namespace Ledger.FloorHost;

/// <summary>One line of the import benchmark's file, as the floor reads it: no validation beyond what JSON parsing does.</summary>
public sealed record FloorImportLine(Guid TravellerId, string CrossingId, string Direction, string Country, DateOnly Date);

/// <summary>How many crossings the floor appended (lines of unregistered travellers are not). (An endpoint returning a bare int would answer with it as the status code.)</summary>
public sealed record FloorImportAnswer(int Appended);

/// <summary>
/// The framework's floor for a bulk append: the import benchmark's file, its lines grouped per traveller, the same
/// crossing events with the same metadata appended with Marten alone, cut as <c>POST /imports</c> cuts them (the same
/// travellers per transaction and transactions in flight, the streams locked first, one batch query to fetch a
/// transaction's travellers, the inline snapshot). No validation, rights, idempotency, rules, incidents, warnings or
/// per-line answers: what is left is Marten on PostgreSQL. The events are the ones an import records, so the async
/// projections fold them as they fold an import's.
/// </summary>
public static class FloorImportEndpoint
{
    // The path ends in /batch so that the host's body limit for volume routes applies (Program.cs raises it to the
    // import limit for this host).
    [WolverinePost("/bench-floor/import/batch")]
    public static async Task<FloorImportAnswer> Post(HttpContext http, IDocumentStore store, ImportOptions options, CancellationToken ct)
    {
        var lines = new List<FloorImportLine>();
        using (var reader = new StreamReader(http.Request.Body))
            while (await reader.ReadLineAsync(ct) is { } line)
                if (line.Length > 0) lines.Add(JsonSerializer.Deserialize<FloorImportLine>(line, JsonSerializerOptions.Web)!);

        // The metadata an import's events carry (who recorded them, the import's correlation id, the causation id
        // Wolverine gives a handler's session), so that the rows and their WAL are as large.
        var subject = Caller.Of(http).Subject;
        var correlation = $"import:bench-floor-{Guid.NewGuid():N}";
        var appended = 0;
        var chunks = lines.GroupBy(l => l.TravellerId).Chunk(options.TravellersPerTransaction).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (chunk, token) =>
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = subject;
            session.CorrelationId = correlation;
            session.CausationId = Guid.NewGuid().ToString();
            // The import's lock of its travellers' streams, by the import's own code.
            await ImportChunkHandler.LockStreamsAsync(session, chunk.Select(t => t.Key).ToArray(), token);
            var batch = session.CreateBatchQuery();
            var fetches = chunk.Select(traveller => (traveller, Stream: batch.Events.FetchForWriting<Traveller>(traveller.Key))).ToList();
            await batch.Execute(token);
            var events = 0;
            foreach (var (traveller, fetch) in fetches)
            {
                var stream = await fetch;
                if (stream.Aggregate is null) continue; // not registered: the import refuses such lines
                stream.AppendMany(traveller.Select(ToEvent).ToArray());
                events += traveller.Count();
            }
            await session.SaveChangesAsync(token);
            Interlocked.Add(ref appended, events);
        });
        return new FloorImportAnswer(appended);
    }

    private static object ToEvent(FloorImportLine l) => l.Direction == "entry"
        ? new EntryRecorded(l.TravellerId, l.CrossingId, l.Country, l.Date, null, null, null, CrossingSource.BorderSystem)
        : new ExitRecorded(l.TravellerId, l.CrossingId, l.Country, l.Date, null, null, null, CrossingSource.BorderSystem);
}
