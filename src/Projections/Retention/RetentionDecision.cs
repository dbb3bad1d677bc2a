using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;

namespace Ledger.Projections.Retention;

/// <summary>One record a policy covers, with the first day it is no longer kept.</summary>
/// <param name="RecordId">The client's id (crossing id, incident id): never stored once erased, only its keyed hash.</param>
public sealed record RetainedRecord(RetainedKind Kind, string RecordId, string Holder, string PolicyId, DateOnly ErasureDay);

/// <summary>A notice the holder is owed: the record will be erased on <see cref="RetainedRecord.ErasureDay"/>.</summary>
public sealed record RetentionNoticeDue(RetainedRecord Record);

/// <summary>The whole file (identity and every record) goes under <paramref name="PolicyId"/> on <paramref name="Day"/>.</summary>
public sealed record FileErasure(string PolicyId, DateOnly Day);

/// <summary>What a sweep on one day does to one traveller: records to erase, notices to give, and the file's fate.</summary>
/// <param name="File">The file's erasure when every record has gone or goes now, or null while any record is kept;
/// its day may still be ahead (Art. 34(2) runs a day past the last record's 3 years).</param>
/// <param name="DerivedWarnings">Warnings issued on an expired stay (their facts name its entry): they go with it.</param>
/// <param name="DerivedIncidents">The ledger's own overstay findings dated inside an expired stay: they go with it.</param>
public sealed record RetentionVerdict(
    IReadOnlyList<RetainedRecord> Expired, IReadOnlyList<RetentionNoticeDue> Notices, FileErasure? File,
    IReadOnlyList<string> DerivedWarnings, IReadOnlyList<string> DerivedIncidents)
{
    public static readonly RetentionVerdict Nothing = new([], [], null, [], []);
    public bool FileErasedOn(DateOnly today) => File is { } f && f.Day <= today;
}

/// <summary>
/// The pure retention decision (no I/O): given a traveller's records as they stand, what an earlier sweep already
/// erased, and today, which records are past their period, which notices are due, and whether the file goes.
/// Bounds (docs/retention.md): a record kept for P from day A is kept through A + P - 1 day and erased by the first
/// sweep on or after A + P; a notice is due from ErasureDay - notice (inclusive) until the erasure.
/// </summary>
public static class RetentionDecision
{
    /// <param name="pending">The file's erasure an earlier sweep decided when it erased the last records (its day was
    /// then still ahead), or null. It no longer holds once the file holds a record again (the verdict's file is then null).</param>
    public static RetentionVerdict Decide(
        Traveller traveller, DateOnly today, RetentionPolicies policies, RuleSet rules, FileErasure? pending = null)
    {
        var nationalities = traveller.Nationalities;
        var covered = new List<RetainedRecord>();
        var kept = 0; // records no policy erases yet (self-reported, other holders, still in their period)

        // Crossings: an exit is kept from its own day; an entry from the exit that closed its stay (the next crossing
        // of its area; an entry followed by another entry from that entry, the latest its missing exit can be); an entry
        // with no later crossing is an open stay, kept from the end of the authorised stay once that has passed.
        var current = traveller.Crossings.Current;
        var anchors = new Dictionary<string, (DateOnly Day, RetentionAnchor From)>(StringComparer.Ordinal);
        foreach (var area in current.GroupBy(c => rules.AreaOf(c.Country, c.Date)))
        {
            var ordered = area.Order(Crossing.ByWhenItHappened).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var c = ordered[i];
                if (c.Direction == Direction.Exit) anchors[c.CrossingId] = (c.Date, RetentionAnchor.ExitOrRefusal);
                else if (i + 1 < ordered.Count) anchors[c.CrossingId] = (ordered[i + 1].Date, RetentionAnchor.ExitOrRefusal);
                else if (AuthorisedStayEnd(traveller, c, today, rules) is { } end) anchors[c.CrossingId] = (end, RetentionAnchor.AuthorisedStayEnd);
            }
        }
        // Voided crossings (no longer current) are kept from their own day, as if it were their exit.
        foreach (var c in traveller.Crossings.Replaced.Where(r => traveller.Crossings.Find(r.CrossingId) is null))
            anchors.TryAdd(c.CrossingId, (c.Date, RetentionAnchor.ExitOrRefusal));

        DateOnly? lastExitOrRefusal = null;
        var overstayErased = false;
        var notices = new List<RetentionNoticeDue>();
        var expiredStays = new List<(DateOnly From, DateOnly To)>();
        foreach (var id in current.Select(c => c.CrossingId).Concat(traveller.Crossings.Replaced.Select(c => c.CrossingId)).Distinct(StringComparer.Ordinal))
        {
            var c = traveller.Crossings.Find(id) ?? traveller.Crossings.Replaced.First(r => r.CrossingId == id);
            var policy = anchors.TryGetValue(id, out var anchor)
                ? policies.For(RetainedKind.Crossings, anchor.From, c.Country, c.Source, nationalities)
                : null;
            if (policy is null) { kept++; continue; }
            var record = new RetainedRecord(RetainedKind.Crossings, id, c.Country, policy.Id, policy.ErasureDay(anchor.Day));
            if (record.ErasureDay <= today)
            {
                covered.Add(record);
                if (c.Direction == Direction.Entry) expiredStays.Add((c.Date, anchor.From == RetentionAnchor.AuthorisedStayEnd ? today : anchor.Day));
                if (anchor.From == RetentionAnchor.AuthorisedStayEnd) overstayErased = true;
                else if (c.Direction == Direction.Exit && (lastExitOrRefusal is null || c.Date > lastExitOrRefusal)) lastExitOrRefusal = c.Date;
                continue;
            }
            kept++;
            if (policy.NotifyBefore is { } before && before.Before(record.ErasureDay) <= today) notices.Add(new RetentionNoticeDue(record));
        }

        // Refusals of entry are incidents: kept from the refusal's day.
        foreach (var refusal in traveller.Incidents.All.Where(i => i.Category == IncidentCategory.RefusalOfEntry))
        {
            var policy = policies.For(RetainedKind.RefusalsOfEntry, RetentionAnchor.ExitOrRefusal, refusal.Jurisdiction, CrossingSource.BorderSystem, nationalities);
            if (policy is null || policy.ErasureDay(refusal.Date) > today) { kept++; continue; }
            covered.Add(new RetainedRecord(RetainedKind.RefusalsOfEntry, refusal.IncidentId, refusal.Jurisdiction, policy.Id, policy.ErasureDay(refusal.Date)));
            if (lastExitOrRefusal is null || refusal.Date > lastExitOrRefusal) lastExitOrRefusal = refusal.Date;
        }

        // Every other record keeps the file: no policy covers it (policy: none set). The ledger's own overstay findings
        // and warnings are derived from the crossings and go with the file.
        kept += traveller.Permits.Count + traveller.Visas.Applications.Count + traveller.Visas.Visas.Count + traveller.Visas.Refusals.Count
            + traveller.Incidents.All.Count(i => i.Category != IncidentCategory.RefusalOfEntry && !(i.Source == OverstayDetection.Source && i.Category == IncidentCategory.Overstay))
            + traveller.Evidence.Recorded.Count + traveller.Movements.Count + traveller.Plans.Plans.Count;

        var expiredCrossings = covered.Where(r => r.Kind == RetainedKind.Crossings).Select(r => r.RecordId).ToHashSet(StringComparer.Ordinal);
        var derivedWarnings = traveller.Warnings.Issued.Where(w => expiredCrossings.Contains(w.Facts.StayEntryCrossingId)).Select(w => w.WarningId).ToList();
        var derivedIncidents = traveller.Incidents.All
            .Where(i => i.Source == OverstayDetection.Source && i.Category == IncidentCategory.Overstay && expiredStays.Any(s => s.From <= i.Date && i.Date <= s.To))
            .Select(i => i.IncidentId).ToList();
        if (kept > 0) return new RetentionVerdict(covered, notices, null, derivedWarnings, derivedIncidents);
        var file = FileFate(traveller, policies, lastExitOrRefusal, overstayErased);
        // Records erased now are the latest the file held: their day governs; else the day an earlier sweep decided.
        return new RetentionVerdict(covered, notices, file ?? pending, derivedWarnings, derivedIncidents);
    }

    /// <summary>
    /// With nothing left: the file goes with an overstay's records (Art. 34(3) erases the data), or a period after the
    /// last exit or refusal (Art. 34(2): 3 years and 1 day). A file that never held a covered record stays.
    /// </summary>
    private static FileErasure? FileFate(Traveller traveller, RetentionPolicies policies, DateOnly? lastExitOrRefusal, bool overstayErased)
    {
        var file = policies.Policies.FirstOrDefault(p => p.RecordKinds.Contains(RetainedKind.File) && p.AppliesTo(traveller.Nationalities));
        if (overstayErased && policies.Policies.FirstOrDefault(p => p.From == RetentionAnchor.AuthorisedStayEnd) is { } overstay)
            return new FileErasure(overstay.Id, DateOnly.MinValue); // with the overstay's records, at once
        if (file is null || lastExitOrRefusal is not { } last) return null;
        return new FileErasure(file.Id, file.ErasureDay(last));
    }

    /// <summary>
    /// The last day of the authorised stay of an open stay that has passed it: the officer's admitted-until day when
    /// given, else the day before the first unlawful day of the rolling regime of its area. Null while the stay is still
    /// within it (nothing is an overstay yet), or outside every rolling regime.
    /// </summary>
    public static DateOnly? AuthorisedStayEnd(Traveller traveller, Crossing entry, DateOnly today, RuleSet rules)
    {
        if (entry.AdmittedUntil is { } until) return until < today ? until : null;
        var regime = rules.Regimes.FirstOrDefault(r => r.Id == rules.AreaOf(entry.Country, entry.Date));
        if (regime is null) return null;
        var prepared = new PreparedRegimes(traveller.ToTravelHistory(rules), today).For(regime);
        var first = prepared.Violations.Where(v => v.To >= entry.Date).Select(v => (DateOnly?)v.From).FirstOrDefault();
        return first is { } day ? (day > entry.Date ? day.AddDays(-1) : entry.Date) : null;
    }
}
