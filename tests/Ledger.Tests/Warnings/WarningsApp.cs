using Ledger.Tests.Support;

namespace Ledger.Tests.Warnings;

/// <summary>The service with short webhook back-off, so retry tests take milliseconds, not minutes.</summary>
public sealed class WarningsApp : LedgerApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ledger:Webhooks:Backoff:0"] = "00:00:00.100",
        ["Ledger:Webhooks:Backoff:1"] = "00:00:00.200",
        ["Ledger:Webhooks:Timeout"] = "00:00:05",
    };
}
