using Ledger.Projections.Visas;

namespace Ledger.Projections.Itineraries;

/// <summary>Whether a visa covers a leg, and if not, what it lacks (<c>visa</c>, <c>validity</c>, <c>durationOfStay</c>, <c>entries</c>).</summary>
public sealed record Coverage(string? VisaId, IReadOnlyList<string> Lacking, DateOnly? LastCoveredDay);

/// <summary>
/// The one place that decides whether a held visa covers a trip. Pure; reads visas as the Traveller snapshot has them
/// (issuing state, type, validity, duration of stay, entries) so that a change to the visa model changes this file only.
/// - a visa of the area (issuing state inside it on the leg's first day) whose category is not a transit one (the Schengen A);
/// - valid on every day of the leg (validFrom..validUntil; a revoked visa until the day before its revocation, an annulled one never);
/// - its duration of stay: days in the area within its validity (earlier presence and the leg) at most durationDays (only visit categories such as the Schengen C have one);
/// - its entries: entries into the area within its validity, this leg's included when it is a new entry, at most 1 or 2.
/// </summary>
public static class VisaCoverage
{
    public static Coverage Assess(
        IEnumerable<Visa> visas, Func<string, bool> issuedForArea, DateOnly from, DateOnly to, bool newEntry,
        Func<DateOnly, DateOnly, int> daysInAreaBetween, Func<DateOnly, DateOnly, int> entriesInAreaBetween)
    {
        Coverage? best = null;
        foreach (var v in visas.Where(v => KindOf(v) != PermissionKind.Transit && issuedForArea(v.IssuingState)))
        {
            var lacking = new List<string>();
            var validUntil = v.Status switch
            {
                VisaStatus.Annulled => v.ValidFrom.AddDays(-1),
                VisaStatus.Revoked when v.EndedOn is { } ended && ended.AddDays(-1) < v.ValidUntil => ended.AddDays(-1),
                _ => v.ValidUntil,
            };
            if (v.ValidFrom > from || validUntil < from) { best ??= new Coverage(null, ["validity"], null); continue; }
            var last = validUntil;
            if (validUntil < to) lacking.Add("validity");
            if (KindOf(v) == PermissionKind.Visit)
            {
                var before = daysInAreaBetween(v.ValidFrom, from.AddDays(-1));
                var allowedLast = from.AddDays(v.DurationDays - before - 1);
                if (allowedLast < last) last = allowedLast;
                if (allowedLast < to) lacking.Add("durationOfStay");
            }
            var entriesAllowed = v.Entries switch { VisaEntries.Single => 1, VisaEntries.Double => 2, _ => int.MaxValue };
            if (newEntry && entriesInAreaBetween(v.ValidFrom, from.AddDays(-1)) + 1 > entriesAllowed)
            {
                lacking.Add("entries");
                last = from.AddDays(-1);
            }
            var coverage = new Coverage(lacking.Count == 0 ? v.VisaId : null, lacking, last >= from ? last : null);
            if (lacking.Count == 0) return coverage;
            if (best is null || best.VisaId is null && (best.LastCoveredDay ?? DateOnly.MinValue) < (coverage.LastCoveredDay ?? DateOnly.MinValue))
                best = coverage with { VisaId = null };
        }
        return best ?? new Coverage(null, ["visa"], null);
    }

    /// <summary>The visa's kind from the state's categories (visa-categories.json): transit visas cover no stay, visit visas limit the days.</summary>
    private static PermissionKind? KindOf(Visa v) => VisaCategories.Default.Find(v.IssuingState, v.Type)?.Kind;
}
