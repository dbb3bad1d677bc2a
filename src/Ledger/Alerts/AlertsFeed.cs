using Ledger.Access;
using Ledger.Projections.Warnings;
using Marten;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.Alerts;

/// <summary>
/// One entry of the feed: a warning (<c>type</c> warningIssued), a retention notice (retentionNotice: the warning's
/// <c>retention</c> names the policy, the erasure day and the state told) or a warning's withdrawal (warningWithdrawn, with
/// <see cref="Withdrawal"/>; <see cref="Id"/> and <see cref="Warning"/> name the warning taken back).
/// </summary>
public sealed record AlertView(long Cursor, string Id, Guid TravellerId, DateTimeOffset IssuedAt, WarningIssued Warning, string Type = "warningIssued", WarningWithdrawal? Withdrawal = null);

public sealed record AlertPage(IReadOnlyList<AlertView> Alerts, long Next);

public static class AlertsFeedEndpoint
{
    public const int MaxPage = 500;

    /// <summary>
    /// Warnings oldest first, after the opaque numeric <paramref name="after"/> cursor (0 or absent: from the start);
    /// pass <c>next</c> back to continue. Fed by an async projection, so a warning shows here within about a second.
    /// </summary>
    [WolverineGet("/alerts")]
    public static async Task<AlertPage> Get(string? after, string? traveller, string? limit, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var scope = Caller.Of(http).Alerts();
        long cursor = 0;
        if (!string.IsNullOrEmpty(after) && (!long.TryParse(after, out cursor) || cursor < 0))
            throw LedgerProblem.BadRequest($"after '{after}' is not a cursor (use the 'next' value of the previous page)");
        Guid? travellerId = null;
        if (!string.IsNullOrEmpty(traveller))
            travellerId = Guid.TryParse(traveller, out var t) ? t : throw LedgerProblem.BadRequest($"traveller '{traveller}' is not a traveller id");
        var size = 100;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out size) || size < 1 || size > MaxPage))
            throw LedgerProblem.BadRequest($"limit must be between 1 and {MaxPage}");

        var query = session.Query<AlertFeedEntry>().Where(a => a.Id > cursor);
        if (travellerId is { } id) query = query.Where(a => a.TravellerId == id);
        // A traveller sees its own warnings, a caseworker those of stays in its countries.
        if (scope.Traveller is { } own) query = query.Where(a => a.TravellerId == own);
        if (scope.Countries is { } countries)
        {
            var codes = countries.ToArray();
            query = query.Where(a => codes.Contains(a.Warning.Facts.StayEntryCountry));
        }
        var entries = await query.OrderBy(a => a.Id).Take(size).ToListAsync(ct);
        var alerts = entries.Select(e => new AlertView(e.Id, e.Warning.WarningId, e.TravellerId, e.IssuedAt, e.Warning,
            e.Withdrawal is not null ? "warningWithdrawn" : e.Warning.Retention is null ? "warningIssued" : "retentionNotice", e.Withdrawal)).ToList();
        // Each traveller asked about, and each whose alerts are answered, gets a row in its access log (RecordAccess).
        Ledger.AccessLog.RecordAccess.AlsoRead(http, alerts.Select(a => a.TravellerId).Prepend(travellerId ?? Guid.Empty).Where(t => t != Guid.Empty));
        return new AlertPage(alerts, alerts.Count == 0 ? cursor : alerts[^1].Cursor);
    }
}
