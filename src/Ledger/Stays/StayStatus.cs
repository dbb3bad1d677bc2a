using Ledger.Access;
using Ledger.Travellers;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Warnings;
using Ledger.Projections.Travellers;
using Marten;
using Marten.Events;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Stays;

/// <summary>
/// <see cref="Anomalies"/>: every gap or contradiction in the crossings as they stood (as known at <see cref="AsKnownAt"/>),
/// with its status. <see cref="Warnings"/>: the warnings the ledger issued and has not withdrawn (as known at the same
/// instant), oldest first; empty once each is withdrawn.
/// </summary>
public sealed record StayStatusView(Guid TravellerId, DateOnly On, DateTimeOffset? AsKnownAt, IReadOnlyList<StayCheck> Regimes, IReadOnlyList<Anomaly> Anomalies,
    IReadOnlyList<ActiveWarning> Warnings);

/// <summary>
/// A warning in force: its id (as in <c>/alerts</c> and webhooks), the rule and threshold it warns of, the days used and
/// left and the last lawful day as computed on <see cref="CheckedOn"/>, and when the ledger issued it. <see cref="PlanId"/>:
/// set when the warning is about a stored plan rather than the stay itself.
/// </summary>
public sealed record ActiveWarning(string Id, string Rule, string Threshold, int DaysUsed, int DaysRemaining, DateOnly? LastLawfulDay,
    DateOnly CheckedOn, DateTimeOffset IssuedAt, string? PlanId);

public static class StayStatusEndpoint
{
    /// <summary>
    /// Status under every rule the traveller has met on <paramref name="on"/> (default: today, UTC), computed by the
    /// engines from the projected stays: rolling windows and per-visit rules alike. Rules whose countries the
    /// traveller never entered are left out unless <paramref name="regime"/> is <c>all</c>. With
    /// <paramref name="asKnownAt"/> the stays are rebuilt from the events the ledger had recorded by that instant
    /// (Marten time travel on the recorded timestamps), so both time axes combine.
    /// </summary>
    [WolverineGet("/travellers/{id}/status")]
    public static async Task<StayStatusView> Get(Guid id, string? on, string? asKnownAt, string? regime, IQuerySession session, RuleSet rules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (regime is not null && regime != "all") throw LedgerProblem.BadRequest($"regime '{Parse.Shown(regime)}' is not a choice here: leave it out (rules met) or give 'all'");
        Caller.Of(http).MayRead(id, asKnownAt: !string.IsNullOrEmpty(asKnownAt));
        var day = Parse.OptionalDate(on, "on") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var knownAt = Parse.OptionalInstant(asKnownAt, "asKnownAt");
        var history = await TravellerReads.LoadAsync(session, id, knownAt, ct);

        var records = history.Records(rules);
        var checks = StatusChecks.For(history, records.History, day, rules, all: regime == "all");
        return new StayStatusView(id, day, knownAt, checks, records.Anomalies, await WarningsAsync(session, history, knownAt, ct));
    }

    /// <summary>
    /// The standing warnings of the traveller as loaded (withdrawals applied), with the instant each was recorded, read
    /// from the traveller's own stream: the same transaction as the write that issued it, so never behind the status.
    /// </summary>
    private static async Task<IReadOnlyList<ActiveWarning>> WarningsAsync(IQuerySession session, Traveller history, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var standing = history.Warnings.Standing.ToList();
        if (standing.Count == 0) return [];
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId == history.Id && e.EventTypesAre(typeof(WarningIssued)));
        if (knownAt is { } t) query = query.Where(e => e.Timestamp <= t);
        var issuedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in await query.OrderBy(e => e.Sequence).ToListAsync(ct))
            if (e.Data is WarningIssued w) issuedAt.TryAdd(w.WarningId, e.Timestamp);
        return standing
            .Select(w => new ActiveWarning(w.WarningId, w.Regime, w.Threshold, w.DaysUsed, w.DaysRemaining, w.LastLawfulDay, w.Facts.CheckedOn,
                issuedAt.TryGetValue(w.WarningId, out var at) ? at : default, w.Facts.PlanId))
            .OrderBy(w => w.IssuedAt).ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();
    }
}
