namespace Ledger.Webhooks;

/// <summary>
/// <c>Ledger:Webhooks</c>: the retry schedule for failed deliveries (after the last one a delivery is marked failed),
/// the per-request timeout, and whether receivers on loopback are allowed (tests and local development only).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Ledger:Webhooks";

    private static readonly TimeSpan[] DefaultBackoff =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>Configured delays (empty: the defaults). Kept empty by default because configuration binding appends to arrays.</summary>
    public TimeSpan[] Backoff { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveBackoff => Backoff.Length > 0 ? Backoff : DefaultBackoff;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Accept receivers whose host resolves to loopback (127/8, ::1), over plain http too. Off by default: in
    /// production a loopback webhook would let a caller make the service POST to its own machine's private ports.
    /// </summary>
    public bool AllowLoopback { get; set; }
}
