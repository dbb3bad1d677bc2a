using Ledger.Access;
using Ledger.Crossings;
using Ledger.Projections.Crossings;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Wolverine;
using Ledger.Writing;
using Ledger.Hosting;
using Ledger.Retention;
using Ledger.Travellers;

namespace Ledger.Imports;

public enum ImportOutcome { Recorded, AlreadyPresent, Refused }

/// <summary>A well-formed crossing of the file the caller may record; <see cref="Index"/> is its place in the answer.</summary>
public sealed record ImportLine(int Index, int Line, CrossingInput Crossing);

/// <summary>One traveller's lines, in file order.</summary>
public sealed record TravellerLines(Guid TravellerId, IReadOnlyList<ImportLine> Lines);

/// <summary>A slice of an import: the lines of some travellers, recorded in one transaction.</summary>
public sealed record ImportChunk(string ImportId, IReadOnlyList<TravellerLines> Travellers, Recording Recording);

public sealed record LineOutcome(int Index, ImportOutcome Outcome, string? Reason = null);

public sealed record ImportChunkDone(IReadOnlyList<LineOutcome> Outcomes);

/// <summary>
/// Records a chunk: every traveller of the chunk is fetched for writing in one round trip (a Marten batch query), each
/// traveller's new crossings are decided and appended with what single writes append (<see cref="Consequences.Decide"/>:
/// incidents, warnings, the next warning check; the chunk's later checks kept in one statement), and the whole chunk
/// commits in one transaction. The chunk's streams
/// are locked first (in id order, like single writes lock theirs), so single writes on the same travellers queue
/// behind it; the optimistic check stays as a guard (the host's retry policy runs a chunk that fails it again), a line
/// already there being "already present".
/// </summary>
public static class ImportChunkHandler
{
    public static async Task<(ImportChunkDone, OutgoingMessages)> Handle(
        ImportChunk chunk, IDocumentSession session, Consequences consequences, BlindIndex index, CancellationToken ct)
    {
        chunk.Recording.StampOn(session);

        // Lock the chunk's streams first, in id order, as single writes lock theirs (FetchForExclusiveWriting): a single
        // write on one of these travellers then waits for the chunk, or the chunk for it, instead of the two failing
        // each other with a concurrency error or a deadlock. Taking every lock before writing anything, in one order,
        // leaves no cycle.
        await LockStreamsAsync(session, chunk.Travellers.Select(t => t.TravellerId).ToArray(), ct);
        // What retention erased is not recorded again (as a single write answers 410): such lines are refused, naming the policy.
        var erased = await ErasedRecords.FindAsync(session, index, chunk.Travellers.Select(t => (t.TravellerId, t.Lines.Select(l => l.Crossing.CrossingId))), ct);
        var batch = session.CreateBatchQuery();
        var fetches = chunk.Travellers.Select(t => (t, Stream: batch.Events.FetchForWriting<Traveller>(t.TravellerId))).ToList();
        await batch.Execute(ct);

        var outcomes = new List<LineOutcome>();
        var messages = new OutgoingMessages();
        var nextChecks = new List<(Guid, PendingCheck)>();
        foreach (var (sent, fetch) in fetches)
        {
            var stream = await fetch;
            var lines = sent with { Lines = [.. sent.Lines.Where(l => erased.Refusal(sent.TravellerId, l.Crossing.CrossingId) is null)] };
            outcomes.AddRange(sent.Lines.Except(lines.Lines)
                .Select(l => new LineOutcome(l.Index, ImportOutcome.Refused, erased.Refusal(sent.TravellerId, l.Crossing.CrossingId))));
            if (stream.Aggregate is not { } traveller)
            {
                outcomes.AddRange(lines.Lines.Select(l => new LineOutcome(l.Index, ImportOutcome.Refused, $"traveller {lines.TravellerId} is not registered")));
                continue;
            }
            var (decided, fresh) = ImportDecision.Decide(traveller, lines, chunk.Recording.RequireCaller());
            outcomes.AddRange(decided);
            if (fresh.Count == 0) continue;
            var (events, raised, next) = consequences.Decide(traveller, fresh);
            stream.AppendMany(events);
            messages.AddRange(raised);
            if (next is { } check) nextChecks.Add((traveller.Id, check));
        }
        // What Consequences.Of keeps per write, kept for the whole chunk in one statement of the same transaction.
        LaterChecks.Keep(session, nextChecks);
        return (new ImportChunkDone(outcomes), messages);
    }

    /// <summary>Opens the session's transaction and locks the travellers' streams in it, in id order, in one statement.</summary>
    public static async Task LockStreamsAsync(IDocumentSession session, Guid[] travellers, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<Guid>($"SELECT id FROM {LedgerStore.Schema}.mt_streams WHERE id = ANY(?) ORDER BY id FOR UPDATE", ct, travellers);
    }
}

/// <summary>The idempotency rule of single writes, per line: a crossing id already recorded with the same content is already present, with other content refused.</summary>
public static class ImportDecision
{
    public static (IReadOnlyList<LineOutcome> Outcomes, IReadOnlyList<ICrossingRecorded> Fresh) Decide(Traveller traveller, TravellerLines lines, Caller caller)
    {
        var outcomes = new List<LineOutcome>(lines.Lines.Count);
        var fresh = new List<ICrossingRecorded>();
        var inThisImport = new Dictionary<string, (ICrossingRecorded Event, int Line)>();
        foreach (var line in lines.Lines)
        {
            var recorded = CrossingDecision.ToEvent(traveller.Id, line.Crossing);
            var id = line.Crossing.CrossingId;
            var write = CrossingDecision.Resend(traveller, id, recorded, caller);
            // The same crossing twice in one file is recorded once; the same id with other content is a mistake in the file.
            if (write.Kind == IdempotentKind.New && inThisImport.TryGetValue(id, out var earlier))
                write = Idempotency.Decide(Crossing.From(earlier.Event, 0).DifferencesFrom(recorded).ToList(), "crossing", id, found: $"appears on line {earlier.Line}");
            if (write.Kind == IdempotentKind.New)
            {
                inThisImport[id] = (recorded, line.Line);
                fresh.Add(recorded);
            }
            outcomes.Add(write.Kind switch
            {
                IdempotentKind.New => new LineOutcome(line.Index, ImportOutcome.Recorded),
                IdempotentKind.AlreadyRecorded => new LineOutcome(line.Index, ImportOutcome.AlreadyPresent),
                _ => new LineOutcome(line.Index, ImportOutcome.Refused, write.Problem),
            });
        }
        return (outcomes, fresh);
    }
}
