namespace Ledger.Operations;

/// <summary><c>Ledger:Telemetry</c>: who may scrape metrics without a token, and whether each request is logged.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Ledger:Telemetry";

    /// <summary>Requests to <c>/metrics</c> from loopback need no token (default true); others need an admin token.</summary>
    public bool AnonymousMetricsOnLoopback { get; set; } = true;

    /// <summary>One Information line per request (method, route pattern, status, duration); default off.</summary>
    public bool RequestLog { get; set; }
}
