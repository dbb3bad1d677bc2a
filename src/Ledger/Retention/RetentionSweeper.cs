using JasperFx.Events;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Retention;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;
using Ledger.Travellers;
using Marten;
using Ledger.Writing;

namespace Ledger.Retention;

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(DateTimeOffset SweptAt, int RecordsErased, int TravellersErased, int NoticesIssued);

/// <summary>
/// The retention sweep: for every traveller who may hold a record past its period, decide (<see cref="RetentionDecision"/>)
/// and erase, a chunk of travellers per transaction with their streams locked in id order (as imports lock theirs:
/// writers and a second node's sweep queue behind it, then find nothing left to erase): the records' events are deleted
/// from <c>mt_events</c> in one statement, the inline snapshots are rebuilt from the events that remain, the alert-feed
/// entries of warnings that went with them are deleted, and the facts (policy, kind, count) and keyed hashes of the
/// erased ids are written in one statement each. A file whose time has come goes whole: every event, the snapshot, the
/// identity (its key shredded first) and the feed entries; the stream is archived. Then access-log rows past their
/// period are erased. Nothing here is stored that names an erased record.
/// </summary>
public sealed class RetentionSweeper(
    IDocumentStore store, IdentityVault vault, BlindIndex index, RetentionTables tables, RuleSet rules, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<RetentionSweeper> log)
{
    /// <summary>
    /// Travellers decided and erased per transaction: few round trips per chunk instead of several per traveller, while a
    /// writer on one of them waits for one chunk's transaction at most.
    /// </summary>
    public const int ChunkSize = 250;

    /// <summary>
    /// Chunks erased at once: one's database round trips overlap another's decisions. Chunks hold disjoint travellers
    /// and every transaction takes its locks in id order, so neither two chunks nor two sweeps can deadlock.
    /// </summary>
    public const int Parallelism = 2;

    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var sweptAt = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(sweptAt.UtcDateTime);
        int records = 0, files = 0, noticesIssued = 0;
        var chunks = (await CandidatesAsync(today, ct)).Order().Chunk(ChunkSize);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (chunk, token) =>
        {
            var (erased, filesErased, owed) = await EraseChunkAsync(chunk, today, sweptAt, token);
            Interlocked.Add(ref records, erased);
            Interlocked.Add(ref files, filesErased);
            // Notices are appended and published by their own handler (outbox), once the chunk's locks are released.
            foreach (var (id, count) in owed) Interlocked.Add(ref noticesIssued, await IssueNoticesAsync(id, count, token));
        });
        records += await EraseAccessLogAsync(sweptAt, ct);
        log.LogInformation("Retention sweep: {Records} record(s) erased, {Files} file(s) erased, {Notices} notice(s) issued", records, files, noticesIssued);
        return new SweepResult(sweptAt, records, files, noticesIssued);
    }

    /// <summary>
    /// The travellers who may hold a record due now or a notice due: any crossing or incident dated on or before the
    /// latest day a covered record could be due by (the shortest period less its notice), and every file due.
    /// </summary>
    private async Task<IReadOnlyList<Guid>> CandidatesAsync(DateOnly today, CancellationToken ct)
    {
        var cutoff = RetentionPolicies.Default.Policies
            .Where(p => p.RecordKinds.Contains(RetainedKind.Crossings) || p.RecordKinds.Contains(RetainedKind.RefusalsOfEntry))
            .Select(p => p.NotifyBefore is { } n ? n.After(p.Keep.Before(today)) : p.Keep.Before(today))
            .Max();
        await using var command = tables.DataSource.CreateCommand($"""
            SELECT DISTINCT stream_id FROM {LedgerStore.Schema}.mt_events
            WHERE type = ANY($1) AND (data ->> 'Date')::date <= $2
            UNION
            SELECT traveller_id FROM {RetentionTables.Files} WHERE erased_at IS NULL AND due_on <= $3
            """);
        command.Parameters.Add(new() { Value = new[] { "entry_recorded", "exit_recorded", "crossing_corrected", "incident_recorded" } });
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = today });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>What one traveller of a chunk comes to: the verdict on the locked snapshot, with what it needs to act.</summary>
    private sealed record Decided(Traveller Traveller, RetentionVerdict Verdict, FileErasure? Pending, bool FileNow)
    {
        public bool Erases => Verdict.Expired.Count > 0 || FileNow;
    }

    /// <summary>
    /// One transaction for the chunk: lock the streams (id order), read the snapshots and pending files (one round trip
    /// each), decide, read the streams of the travellers with something to erase (one query), then write everything in
    /// one <c>SaveChanges</c>. Only files shred keys outside it (first, as the identity erasure does).
    /// </summary>
    private async Task<(int Records, int Files, IReadOnlyList<(Guid Id, int Owed)> Notices)> EraseChunkAsync(
        Guid[] chunk, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await Ledger.Imports.ImportChunkHandler.LockStreamsAsync(session, chunk, ct);
        var travellers = await session.LoadManyAsync<Traveller>(ct, chunk);
        var pendingFiles = await PendingFilesAsync(session, chunk, ct);

        var decided = new List<Decided>(travellers.Count);
        var owed = new List<(Guid, int)>();
        foreach (var traveller in travellers)
        {
            var pending = pendingFiles.GetValueOrDefault(traveller.Id);
            var verdict = RetentionDecision.Decide(traveller, today, RetentionPolicies.Default, rules, pending);
            var fileNow = verdict.FileErasedOn(today);
            var notices = fileNow ? 0 : verdict.Notices.Count(n => !traveller.Warnings.WasIssued(RetentionNotice.IdOf(n)));
            if (notices > 0) owed.Add((traveller.Id, notices));
            var one = new Decided(traveller, verdict, pending, fileNow);
            if (one.Erases) decided.Add(one);
            else KeepPendingFile(session, traveller.Id, verdict.File, pending);
        }
        if (decided.Count == 0)
        {
            await session.SaveChangesAsync(ct); // commits what was queued, or ends the transaction and its locks
            return (0, 0, owed);
        }

        // Their streams in one query (by the stream index), in the order they were appended.
        var streamIds = decided.Select(d => d.Traveller.Id).ToArray();
        var streams = (await session.Events.QueryAllRawEvents().Where(e => streamIds.Contains(e.StreamId)).OrderBy(e => e.Sequence).ToListAsync(ct))
            .ToLookup(e => e.StreamId);

        var files = decided.Where(d => d.FileNow).Select(d => d.Traveller.Id).ToArray();
        // The identity keys first: every copy of a sealed identity (old pages, WAL, backups) is unreadable from here on.
        if (files.Length > 0) await vault.ShredAsync(files, ct);

        var doomedEvents = new List<long>();
        var facts = new ErasureRows();
        var hashes = new ErasedIdRows();
        var records = 0;
        foreach (var one in decided)
        {
            var (traveller, verdict) = (one.Traveller, one.Verdict);
            var id = traveller.Id;
            var events = streams[id].ToList();
            var doomed = one.FileNow ? events : events.Where(Doomed(verdict)).ToList();
            doomedEvents.AddRange(doomed.Select(e => e.Sequence));
            records += verdict.Expired.Count;
            foreach (var group in verdict.Expired.GroupBy(r => (r.PolicyId, r.Kind)))
                facts.Add(id, group.Key.PolicyId, KindName(group.Key.Kind), group.Count());
            foreach (var record in verdict.Expired)
                hashes.Add(id, index.OfErasedRecord(id, KindName(record.Kind), record.RecordId), record.PolicyId);

            if (one.FileNow)
            {
                var file = verdict.File!;
                session.Delete<Traveller>(id);
                session.Delete<SealedIdentity>(id);
                session.Delete<TravellerIdentity>(id);
                facts.Add(id, file.PolicyId, "file", 1);
                session.QueueSqlCommand($"""
                    INSERT INTO {RetentionTables.Files} (traveller_id, policy_id, due_on, erased_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (traveller_id) DO UPDATE SET policy_id = excluded.policy_id, erased_at = excluded.erased_at
                    """, id, file.PolicyId, today, now);
            }
            else
            {
                // The snapshot as the remaining events make it: the same fold the inline projection runs.
                var remaining = events.Except(doomed).Aggregate((Traveller?)null, (t, e) => TravellerProjection.Evolve(t, e.Data));
                if (remaining is not null) session.Store(remaining);
                var warnings = verdict.DerivedWarnings.ToArray();
                if (warnings.Length > 0)
                {
                    session.DeleteWhere<AlertFeedEntry>(a => a.TravellerId == id && warnings.Contains(a.Warning.WarningId));
                    session.DeleteWhere<Ledger.Webhooks.WebhookDelivery>(d => warnings.Contains(d.WarningId));
                }
                KeepPendingFile(session, id, verdict.File, one.Pending);
            }
        }
        if (files.Length > 0)
        {
            session.DeleteWhere<TravellerSearchKey>(k => files.Contains(k.TravellerId));
            session.DeleteWhere<AlertFeedEntry>(a => files.Contains(a.TravellerId));
            var warnings = decided.Where(d => d.FileNow).SelectMany(d => d.Traveller.Warnings.Issued.Select(w => w.WarningId)).ToArray();
            if (warnings.Length > 0) session.DeleteWhere<Ledger.Webhooks.WebhookDelivery>(d => warnings.Contains(d.WarningId));
            session.QueueSqlCommand($"UPDATE {LedgerStore.Schema}.mt_streams SET is_archived = true WHERE id = ANY(?)", [files]);
        }
        // seq_id is mt_events' key: one statement for the chunk, found by its index.
        if (doomedEvents.Count > 0)
            session.QueueSqlCommand($"DELETE FROM {LedgerStore.Schema}.mt_events WHERE seq_id = ANY(?)", [doomedEvents.ToArray()]);
        facts.Queue(session, now);
        hashes.Queue(session, now);
        await session.SaveChangesAsync(ct);
        return (records, files.Length, owed);
    }

    /// <summary>The chunk's facts, inserted in one statement (column arrays, unnested).</summary>
    private sealed class ErasureRows
    {
        private readonly List<Guid> travellers = [];
        private readonly List<string> policies = [], kinds = [];
        private readonly List<int> counts = [];

        public void Add(Guid traveller, string policy, string kind, int count)
        {
            travellers.Add(traveller); policies.Add(policy); kinds.Add(kind); counts.Add(count);
        }

        public void Queue(IDocumentSession session, DateTimeOffset now)
        {
            if (travellers.Count == 0) return;
            session.QueueSqlCommand($"""
                INSERT INTO {RetentionTables.Erasures} (traveller_id, erased_at, policy_id, record_kind, count)
                SELECT t, ?, p, k, c FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[]) AS r(t, p, k, c)
                """, now, travellers.ToArray(), policies.ToArray(), kinds.ToArray(), counts.ToArray());
        }
    }

    /// <summary>The chunk's keyed hashes of erased ids, inserted in one statement.</summary>
    private sealed class ErasedIdRows
    {
        private readonly List<Guid> travellers = [];
        private readonly List<string> hashes = [], policies = [];

        public void Add(Guid traveller, string hash, string policy)
        {
            travellers.Add(traveller); hashes.Add(hash); policies.Add(policy);
        }

        public void Queue(IDocumentSession session, DateTimeOffset now)
        {
            if (travellers.Count == 0) return;
            session.QueueSqlCommand($"""
                INSERT INTO {RetentionTables.ErasedIds} (traveller_id, id_hash, policy_id, erased_at)
                SELECT t, h, p, ? FROM unnest(?::uuid[], ?::text[], ?::text[]) AS r(t, h, p)
                ON CONFLICT DO NOTHING
                """, now, travellers.ToArray(), hashes.ToArray(), policies.ToArray());
        }
    }

    /// <summary>The handler decides again on the stream it locks, and appends only notices not yet given (once per record).</summary>
    private async Task<int> IssueNoticesAsync(Guid id, int owed, CancellationToken ct)
    {
        if (owed == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>()
            .InvokeAsync(new IssueRetentionNotices(id, Recording.System($"retention-notice:{id:N}")), ct);
        return owed;
    }

    /// <summary>The events that carry an expired record, or a warning or finding that went with it.</summary>
    private static Func<IEvent, bool> Doomed(RetentionVerdict verdict)
    {
        var crossings = verdict.Expired.Where(r => r.Kind == RetainedKind.Crossings).Select(r => r.RecordId).ToHashSet(StringComparer.Ordinal);
        var incidents = verdict.Expired.Where(r => r.Kind == RetainedKind.RefusalsOfEntry).Select(r => r.RecordId)
            .Concat(verdict.DerivedIncidents).ToHashSet(StringComparer.Ordinal);
        var warnings = verdict.DerivedWarnings.ToHashSet(StringComparer.Ordinal);
        return e => e.Data switch
        {
            ICrossingRecorded c => crossings.Contains(c.CrossingId),
            CrossingVoided c => crossings.Contains(c.CrossingId),
            CrossingCorrected c => crossings.Contains(c.CrossingId),
            IncidentRecorded i => incidents.Contains(i.IncidentId),
            IncidentResolved i => incidents.Contains(i.IncidentId),
            IncidentExpunged i => incidents.Contains(i.IncidentId),
            IncidentOutcomeRecorded i => incidents.Contains(i.IncidentId),
            WarningIssued w => warnings.Contains(w.WarningId),
            WarningWithdrawn w => warnings.Contains(w.WarningId),
            _ => false,
        };
    }

    public static string KindName(RetainedKind kind) => kind switch
    {
        RetainedKind.Crossings => "crossings",
        RetainedKind.RefusalsOfEntry => "refusalsOfEntry",
        RetainedKind.File => "file",
        _ => "accessLog",
    };

    private static async Task<Dictionary<Guid, FileErasure>> PendingFilesAsync(IDocumentSession session, Guid[] ids, CancellationToken ct)
    {
        await using var sql = session.Connection!.CreateCommand();
        sql.CommandText = $"SELECT traveller_id, policy_id, due_on FROM {RetentionTables.Files} WHERE traveller_id = ANY($1) AND erased_at IS NULL";
        sql.Parameters.Add(new() { Value = ids });
        var files = new Dictionary<Guid, FileErasure>();
        await using var reader = await sql.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) files[reader.GetGuid(0)] = new FileErasure(reader.GetString(1), reader.GetFieldValue<DateOnly>(2));
        return files;
    }

    /// <summary>The file's erasure day while it is ahead; dropped when the file holds a record again (a new entry came).</summary>
    private static void KeepPendingFile(IDocumentSession session, Guid id, FileErasure? file, FileErasure? pending)
    {
        if (file == pending) return;
        if (file is null)
            session.QueueSqlCommand($"DELETE FROM {RetentionTables.Files} WHERE traveller_id = ? AND erased_at IS NULL", id);
        else
            session.QueueSqlCommand($"""
                INSERT INTO {RetentionTables.Files} (traveller_id, policy_id, due_on) VALUES (?, ?, ?)
                ON CONFLICT (traveller_id) DO UPDATE SET policy_id = excluded.policy_id, due_on = excluded.due_on
                """, id, file.PolicyId, file.Day);
    }

    /// <summary>
    /// Access-log rows of an erased file, one year (Art. 46) after the file went: the only deletion the log's
    /// append-only guard lets through, and only inside this transaction (a transaction-local setting).
    /// </summary>
    private async Task<int> EraseAccessLogAsync(DateTimeOffset now, CancellationToken ct)
    {
        var policy = RetentionPolicies.Default.Policies.FirstOrDefault(p => p.RecordKinds.Contains(RetainedKind.AccessLog));
        if (policy is null) return 0;
        var before = new DateTimeOffset(policy.Keep.Before(DateOnly.FromDateTime(now.UtcDateTime)).ToDateTime(TimeOnly.FromTimeSpan(now.UtcDateTime.TimeOfDay)), TimeSpan.Zero);
        await using var connection = await tables.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        await using (var allow = connection.CreateCommand())
        {
            allow.CommandText = $"SELECT set_config('{RetentionTables.SweepSetting}', 'on', true)"; // this transaction only
            await allow.ExecuteNonQueryAsync(ct);
        }
        command.CommandText = $"""
            WITH erased AS (
              DELETE FROM {Ledger.AccessLog.AccessLogTable.Name} a USING {RetentionTables.Files} f
              WHERE a.traveller_id = f.traveller_id AND f.erased_at IS NOT NULL AND f.erased_at <= $1
              RETURNING a.traveller_id)
            INSERT INTO {RetentionTables.Erasures} (traveller_id, erased_at, policy_id, record_kind, count)
            SELECT traveller_id, $2, $3, 'accessLog', count(*) FROM erased GROUP BY traveller_id
            RETURNING count
            """;
        command.Parameters.Add(new() { Value = before });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = policy.Id });
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) total += reader.GetInt32(0);
        await transaction.CommitAsync(ct);
        return total;
    }
}
