using Ledger.Tests.Support;

namespace Ledger.Tests.Webhooks;

/// <summary>The service as in production: loopback receivers refused. Short back-off, so failures show at once.</summary>
public sealed class StrictWebhooksApp : LedgerApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ledger:Webhooks:AllowLoopback"] = "false",
        ["Ledger:Webhooks:Backoff:0"] = "00:00:00.100",
        ["Ledger:Webhooks:Backoff:1"] = "00:00:00.200",
        ["Ledger:Webhooks:Timeout"] = "00:00:05",
    };
}
