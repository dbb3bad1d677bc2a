using Ledger.Tests.Support;
using Ledger.Tests.Warnings;
using Ledger.Webhooks;
using Marten;

namespace Ledger.Tests.Webhooks;

/// <summary>Own fixture: this test restarts the service. The key ring lives in the database, so a new host decrypts.</summary>
public class WebhookKeyRingRestartTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    private async Task<IReadOnlyList<Guid>> KeyRingAsync()
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<DataProtectionKeyXml>().ToListAsync()).Select(k => k.Id).ToList();
    }

    [Fact]
    public async Task A_new_host_on_the_same_database_decrypts_secrets_protected_by_the_previous_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = $"restart-secret-{Guid.NewGuid():N}";
        await app.Http.SubscribeAsync(receiver.Url, secret);
        var ring = await KeyRingAsync();
        Assert.NotEmpty(ring);

        await app.RestartAsync();
        var (_, warningId) = await app.WarningInAsync("FR");
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Any(r => r.Body.Contains(warningId))), "the delivery after the restart");
        var (body, signature) = receiver.Received.Single(r => r.Body.Contains(warningId));
        Assert.Equal(WebhookScenario.SignatureFor(body, secret), signature);
        // The new host used the stored ring; it made no key of its own.
        Assert.Equal(ring, await KeyRingAsync());
    }
}
