using System.Security.Cryptography;
using System.Text;
using Ledger.Access;
using Ledger.Crossings;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine;
using Wolverine.Http;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Imports;

/// <summary>The answer for one line's crossing (a CSV stay row has two).</summary>
public sealed record ImportLineResult(int Line, string? TravellerId, string? CrossingId, ImportOutcome Outcome, string? Reason);

public sealed record ImportAnswer(
    string ImportId, int Lines, int Crossings, int Recorded, int AlreadyPresent, int Refused, int Attempt, IReadOnlyList<ImportLineResult> Results);

/// <summary>
/// <c>POST /imports?importId=...</c>: crossings of many travellers from a feed or a migration, JSON lines or CSV (see
/// <see cref="ImportLines"/>), in any order. Each traveller's lines are recorded as one <c>/crossings/batch</c> would
/// record them (same events, rules, incidents and warnings), many travellers per transaction; each line gets its own
/// answer. Lines are refused one by one (malformed, not the caller's to record, unknown traveller, a crossing id
/// already recorded with other content); the good lines are recorded all the same.
/// The import id makes the import resumable: resending the same file with the same id records only what is missing
/// (nothing, when it had completed), so an interrupted import is completed by sending it again.
/// </summary>
public static class ImportEndpoint
{
    [WolverinePost("/imports")]
    public static async Task<ImportAnswer> Post(string? importId, HttpContext http, IMessageBus bus, IDocumentStore store,
        TimeProvider clock, ImportOptions options, CancellationToken ct)
    {
        // Decided before anything is read: a principal that may record no crossing at all is refused the whole import.
        var caller = Caller.Of(http);
        caller.MayImportCrossings();
        var id = Parse.Required(importId, "importId");
        var mediaType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) ? type.MediaType.Value : null;
        if (!ImportLines.IsJsonLines(mediaType) && !ImportLines.IsCsv(mediaType))
            throw LedgerProblem.BadRequest($"Content-Type must be {string.Join(" or ", ImportLines.JsonLinesTypes)} (JSON lines) or {ImportLines.CsvType}");

        var body = await ReadBodyAsync(http, ct);
        var file = ReadFile(body, ImportLines.IsCsv(mediaType), options.MaxLines, clock);
        if (file.Crossings.Count == 0) throw LedgerProblem.BadRequest("the file holds no crossings");
        var correlation = http.Request.Headers[Recording.CorrelationIdHeader].Count > 0 ? Recording.CorrelationIdOf(http) : $"import:{id}";
        http.Response.Headers[Recording.CorrelationIdHeader] = correlation;
        var recording = new Recording(caller.Subject, correlation, null, caller);

        var attempt = await StartAsync(store, id, caller, Convert.ToHexStringLower(SHA256.HashData(body)), file.Lines, clock, ct);

        // Each line is checked as a single write would check it, in the same order: well-formed (ImportLines), then the
        // caller's right to it (before anything is loaded, so a refusal never tells whether a traveller exists), then the record.
        var results = new ImportLineResult?[file.Crossings.Count];
        var byTraveller = new Dictionary<Guid, List<ImportLine>>();
        for (var i = 0; i < file.Crossings.Count; i++)
        {
            var c = file.Crossings[i];
            if (c.Input is not { } input)
            {
                results[i] = Refused(c, c.Problem!);
                continue;
            }
            try
            {
                caller.MayRecordCrossing(c.Traveller, input.Country, input.Source);
                if (!byTraveller.TryGetValue(c.Traveller, out var lines)) byTraveller[c.Traveller] = lines = [];
                lines.Add(new ImportLine(i, c.Line, input));
            }
            catch (LedgerProblem p)
            {
                results[i] = Refused(c, p.Message);
            }
        }

        var chunks = byTraveller.Select(t => new TravellerLines(t.Key, t.Value)).Chunk(options.TravellersPerTransaction)
            .Select(travellers => new ImportChunk(id, travellers, recording)).ToList();
        await RunAsync(chunks, options.Parallelism, async chunk =>
        {
            var done = await bus.InvokeAsync<ImportChunkDone>(chunk, ct);
            foreach (var o in done.Outcomes)
            {
                var c = file.Crossings[o.Index];
                results[o.Index] = new ImportLineResult(c.Line, c.TravellerId, c.CrossingId, o.Outcome, o.Reason);
            }
        }, ct);

        var all = results.Select(r => r!).ToList(); // in line order: the file was read in order
        var answer = new ImportAnswer(id, file.Lines, all.Count,
            all.Count(r => r.Outcome == ImportOutcome.Recorded), all.Count(r => r.Outcome == ImportOutcome.AlreadyPresent),
            all.Count(r => r.Outcome == ImportOutcome.Refused), attempt.Attempts, all);
        await CompleteAsync(store, attempt, answer, clock, ct);
        return answer;
    }

    private static ImportLineResult Refused(ImportedCrossing c, string reason) =>
        new(c.Line, c.TravellerId is { Length: <= Parse.MaxIdLength } t ? t : null,
            c.CrossingId is { Length: <= Parse.MaxIdLength } x ? x : null, ImportOutcome.Refused, reason);

    private static async Task<byte[]> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        // Bounded by the route's body limit (Ledger:Limits:MaxImportBodyBytes): a larger body fails here with 413.
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static ImportFile ReadFile(byte[] body, bool csv, int maxLines, TimeProvider clock)
    {
        using var reader = new StreamReader(new MemoryStream(body), new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return csv ? ImportLines.ReadCsv(reader, maxLines, clock) : ImportLines.ReadJsonLines(reader, maxLines, clock);
        }
        catch (DecoderFallbackException)
        {
            throw LedgerProblem.BadRequest("the file is not valid UTF-8");
        }
    }

    /// <summary>Chunks touch disjoint travellers: up to <paramref name="parallelism"/> commit at once. The first failure stops the rest.</summary>
    private static async Task RunAsync(IReadOnlyList<ImportChunk> chunks, int parallelism, Func<ImportChunk, Task> run, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(parallelism, chunks.Count)).Select(async _ =>
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < chunks.Count)
            {
                try { await run(chunks[i]); }
                catch { stop.Cancel(); throw; }
            }
        }));
    }

    /// <summary>Registers this pass of the import (its own small transaction); the same id with another file or by another principal is refused.</summary>
    private static async Task<ImportRecord> StartAsync(IDocumentStore store, string id, Caller caller, string hash, int lines, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var existing = await session.LoadAsync<ImportRecord>(id, ct);
        if (existing is not null && existing.Subject != caller.Subject)
            throw LedgerProblem.Conflict($"import id '{id}' is taken; choose another");
        if (existing is not null && existing.ContentSha256 != hash)
            throw LedgerProblem.Conflict($"import id '{id}' was sent with a different file; an import id names one file (use a new id for a new file)");
        var record = existing is null
            ? new ImportRecord(id, caller.Subject, hash, lines, 1, ImportStatus.InProgress, clock.GetUtcNow(), null, 0, 0, 0)
            : existing with { Attempts = existing.Attempts + 1 };
        session.Store(record);
        await session.SaveChangesAsync(ct);
        return record;
    }

    private static async Task CompleteAsync(IDocumentStore store, ImportRecord record, ImportAnswer answer, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(record with
        {
            Status = ImportStatus.Completed, CompletedAt = clock.GetUtcNow(),
            Recorded = record.Recorded + answer.Recorded, AlreadyPresent = answer.AlreadyPresent, Refused = answer.Refused,
        });
        await session.SaveChangesAsync(ct);
    }
}
