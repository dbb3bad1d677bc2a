using System.Diagnostics.Metrics;

namespace Ledger.Operations;

/// <summary>
/// The ledger's own instruments, on the meter <c>Ledger</c> (Prometheus names in brackets):
/// <list type="bullet">
/// <item><c>ledger.writes</c> [<c>ledger_writes_total{outcome,route,method}</c>]: every request that is not a read,
/// by outcome (<see cref="OutcomeOf"/>) and route pattern;</item>
/// <item><c>ledger.warnings.issued</c> [<c>ledger_warnings_issued_total{regime,threshold}</c>]: warnings committed to
/// a traveller's stream;</item>
/// <item><c>ledger.projection.lag</c> [<c>ledger_projection_lag{shard}</c>]: events an async projection shard has
/// still to apply;</item>
/// <item><c>ledger.projection.age</c> [<c>ledger_projection_age_seconds{shard}</c>]: how long the oldest event the
/// shard has not applied has been waiting (0 when it is caught up);</item>
/// <item><c>ledger.webhook.deliveries</c> [<c>ledger_webhook_deliveries{status}</c>]: deliveries pending, delivered
/// and failed;</item>
/// <item><c>ledger.dead_letters</c> [<c>ledger_dead_letters{message_type}</c>]: messages in the dead-letter table.</item>
/// </list>
/// The gauges read the last <see cref="OperationsSampler"/> snapshot, refreshed before every scrape.
/// </summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "Ledger";

    private readonly Counter<long> _writes;
    private readonly Counter<long> _warnings;

    public LedgerMetrics(IMeterFactory meters, OperationsSampler sampler)
    {
        var meter = meters.Create(MeterName);
        _writes = meter.CreateCounter<long>("ledger.writes", "{request}", "Requests that write (every method but GET/HEAD/OPTIONS), by outcome and route");
        _warnings = meter.CreateCounter<long>("ledger.warnings.issued", "{warning}", "Warnings committed to travellers' streams");
        meter.CreateObservableGauge("ledger.projection.lag",
            () => sampler.Latest.Projections.Select(p => new Measurement<long>(p.Lag, new KeyValuePair<string, object?>("shard", p.Shard))),
            "{event}", "Events an async projection shard has still to apply");
        meter.CreateObservableGauge("ledger.projection.age",
            () => sampler.Latest.Projections.Select(p => new Measurement<double>(p.AgeSeconds, new KeyValuePair<string, object?>("shard", p.Shard))),
            "s", "How long the oldest event a shard has not applied has waited (0 when caught up)");
        meter.CreateObservableGauge("ledger.webhook.deliveries",
            () => sampler.Latest.Deliveries.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("status", d.Key))),
            "{delivery}", "Webhook deliveries by status");
        meter.CreateObservableGauge("ledger.dead_letters",
            () => sampler.Latest.DeadLetters.Count == 0
                ? [new Measurement<long>(0)]
                : sampler.Latest.DeadLetters.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("message_type", d.Key))),
            "{message}", "Messages in the dead-letter table, by message type");
    }

    public void WriteAnswered(string method, string route, int status) =>
        _writes.Add(1, new("outcome", OutcomeOf(status)), new("route", route), new("method", method));

    public void WarningIssued(string regime, string threshold) =>
        _warnings.Add(1, new("regime", regime), new("threshold", threshold));

    /// <summary>A write's outcome from its status: what an operator tells apart on a dashboard.</summary>
    public static string OutcomeOf(int status) => status switch
    {
        201 => "created",
        >= 200 and < 300 => "ok",
        400 or 413 or 415 => "invalid",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        429 => "rate_limited",
        503 => "unavailable",
        >= 500 => "error",
        _ => "other",
    };
}
