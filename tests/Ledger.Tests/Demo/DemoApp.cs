using Ledger.Demo;
using Ledger.Tests.Support;

namespace Ledger.Tests.Demo;

/// <summary>A ledger with the demo loaded once, by the same code `Ledger demo` runs, with the token it would mint.</summary>
public class DemoApp : LedgerApp
{
    public DemoRun FirstRun { get; private set; } = null!;

    /// <summary>A client acting as the demo does (its subject finds the same travellers again).</summary>
    public HttpClient DemoClient() => WithToken(DemoToken.Issue(Auth, DateTimeOffset.UtcNow));

    public Guid Id(string personKey) => FirstRun.Travellers[personKey];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = DemoClient();
        FirstRun = await DemoLoader.LoadAsync(client);
    }
}
