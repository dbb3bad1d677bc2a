using Ledger.Access;
using Ledger.Hosting;
using Ledger.Travellers;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Marten;
using Wolverine.Http;

namespace Ledger.Stays;

/// <summary><see cref="Anomalies"/>: every gap or contradiction in the crossings as they stood (as known at <see cref="AsKnownAt"/>), with its status.</summary>
public sealed record StayStatusView(Guid TravellerId, DateOnly On, DateTimeOffset? AsKnownAt, IReadOnlyList<StayCheck> Regimes, IReadOnlyList<Anomaly> Anomalies);

public static class StayStatusEndpoint
{
    /// <summary>
    /// Status under every regime on <paramref name="on"/> (default: today, UTC), computed by the engine from the
    /// projected stays. With <paramref name="asKnownAt"/> the stays are rebuilt from the events the ledger had
    /// recorded by that instant (Marten time travel on the recorded timestamps), so both time axes combine.
    /// </summary>
    [WolverineGet("/travellers/{id}/status")]
    public static async Task<StayStatusView> Get(Guid id, string? on, string? asKnownAt, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id, asKnownAt: !string.IsNullOrEmpty(asKnownAt));
        var day = Parse.OptionalDate(on, "on") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var knownAt = Parse.OptionalInstant(asKnownAt, "asKnownAt");
        var history = await TravellerReads.LoadAsync(session, id, knownAt, ct);

        var records = history.Records(RuleSet.Default);
        var checks = RuleSet.Default.Regimes.Select(r => new StayRuleEngine(r).Check(records.History, day)).ToList();
        return new StayStatusView(id, day, knownAt, checks, records.Anomalies);
    }
}
