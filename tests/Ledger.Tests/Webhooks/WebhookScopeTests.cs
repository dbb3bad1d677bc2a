using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;

namespace Ledger.Tests.Webhooks;

/// <summary>A subscription receives only the warnings its owner may read: a caseworker's, its countries' stays; an admin's, all.</summary>
public class WebhookScopeTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task A_caseworker_hears_of_stays_in_its_countries_and_an_admin_of_all()
    {
        await using var france = await WebhookReceiver.StartAsync();
        await using var germany = await WebhookReceiver.StartAsync();
        await using var everywhere = await WebhookReceiver.StartAsync();
        using var frenchCaseworker = app.ClientAs([Role.Caseworker], ["FR"], subject: "caseworker-fr");
        using var germanCaseworker = app.ClientAs([Role.Caseworker], ["DE", "AT"], subject: "caseworker-de");
        using var admin = app.ClientAs([Role.Admin], subject: "admin-only");
        var frenchSubscription = await frenchCaseworker.SubscribeAsync(france.Url);
        var germanSubscription = await germanCaseworker.SubscribeAsync(germany.Url);
        var adminSubscription = await admin.SubscribeAsync(everywhere.Url);

        var (inFrance, warningInFrance) = await app.WarningInAsync("FR");
        var (inGermany, warningInGermany) = await app.WarningInAsync("DE");

        await Eventually.HoldsAsync(() => Task.FromResult(
            france.Received.Count == 1 && germany.Received.Count == 1 && everywhere.Received.Count == 2), "each warning where it belongs");
        Assert.Contains(inFrance.ToString(), Assert.Single(france.Received).Body);
        Assert.Contains(inGermany.ToString(), Assert.Single(germany.Received).Body);

        // Deliveries are made together, one per subscription in scope, in the transaction that fans a warning out:
        // once the in-scope ones exist, an out-of-scope one would exist too.
        var deliveries = await admin.DeliveriesAsync();
        Assert.Contains(deliveries, d => d.IsFor(adminSubscription, warningInFrance));
        Assert.Contains(deliveries, d => d.IsFor(adminSubscription, warningInGermany));
        Assert.DoesNotContain(deliveries, d => d.IsFor(germanSubscription, warningInFrance));
        Assert.DoesNotContain(deliveries, d => d.IsFor(frenchSubscription, warningInGermany));
        Assert.Single(france.Received);
        Assert.Single(germany.Received);
    }
}
