using System.Net;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;

namespace Ledger.Tests.Webhooks;

/// <summary>
/// A subscription belongs to the principal that created it: only it and admins list, delete, see deliveries of, or
/// replay it. Anyone else gets 404, the same answer as for an id that does not exist.
/// </summary>
public class WebhookOwnershipTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    private HttpClient Caseworker(string subject, params string[] countries) => app.ClientAs([Role.Caseworker], countries, subject: subject);

    [Fact]
    public async Task Each_principal_lists_its_own_subscriptions_and_an_admin_lists_all()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var alice = Caseworker("alice-lists", "FR");
        using var bob = Caseworker("bob-lists", "FR");
        var hers = await alice.SubscribeAsync(receiver.Url + "?for=alice");
        var his = await bob.SubscribeAsync(receiver.Url + "?for=bob");

        Assert.Equal([hers], await alice.SubscriptionIdsAsync());
        Assert.Equal([his], await bob.SubscriptionIdsAsync());
        var all = (await app.GetJsonAsync("/webhooks")).EnumerateArray().ToList();
        Assert.Equal("alice-lists", all.Single(s => s.GetProperty("id").GetGuid() == hers).GetProperty("owner").GetString());
        Assert.Equal("bob-lists", all.Single(s => s.GetProperty("id").GetGuid() == his).GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_deletes_a_subscription_anyone_else_gets_404()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var alice = Caseworker("alice-deletes", "FR");
        using var mallory = Caseworker("mallory-deletes", "FR");
        var first = await alice.SubscribeAsync(receiver.Url + "?n=1");
        var second = await alice.SubscribeAsync(receiver.Url + "?n=2");

        var refused = await Problem.AssertAsync(await mallory.DeleteAsync($"/webhooks/{first}"), HttpStatusCode.NotFound);
        var unknown = await Problem.AssertAsync(await mallory.DeleteAsync($"/webhooks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.GetProperty("title").GetString(), refused.GetProperty("title").GetString());
        Assert.Equal([first, second], await alice.SubscriptionIdsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/webhooks/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/webhooks/{second}")).StatusCode);
        Assert.Empty(await alice.SubscriptionIdsAsync());
    }

    [Fact]
    public async Task Deliveries_are_seen_and_replayed_by_their_owner_and_admins_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var alice = Caseworker("alice-deliveries", "FR");
        using var mallory = Caseworker("mallory-deliveries", "FR");
        var hers = await alice.SubscribeAsync(receiver.Url + "?for=alice");
        var his = await mallory.SubscribeAsync(receiver.Url + "?for=mallory");

        var (_, warningId) = await app.WarningInAsync("FR");
        await Eventually.HoldsAsync(async () => (await alice.DeliveriesAsync("delivered")).Any(d => d.IsFor(hers, warningId)), "alice's delivery");
        await Eventually.HoldsAsync(async () => (await mallory.DeliveriesAsync("delivered")).Any(d => d.IsFor(his, warningId)), "mallory's delivery");
        var delivery = (await alice.DeliveriesAsync()).Single(d => d.IsFor(hers, warningId)).GetProperty("id").GetGuid();

        Assert.All(await alice.DeliveriesAsync(), d => Assert.Equal(hers, d.GetProperty("subscriptionId").GetGuid()));
        Assert.All(await mallory.DeliveriesAsync(), d => Assert.Equal(his, d.GetProperty("subscriptionId").GetGuid()));
        var everything = await app.Http.DeliveriesAsync();
        Assert.Contains(everything, d => d.IsFor(hers, warningId));
        Assert.Contains(everything, d => d.IsFor(his, warningId));

        await Problem.AssertAsync(await mallory.PostAsync($"/webhooks/deliveries/{delivery}/replay", null), HttpStatusCode.NotFound);
        // The warning reached the receiver once for each subscription; each accepted replay sends alice's once more.
        int Heard() => receiver.Received.Count(r => r.Body.Contains(warningId));
        Assert.Equal(2, Heard());
        Assert.Equal(HttpStatusCode.Accepted, (await alice.PostAsync($"/webhooks/deliveries/{delivery}/replay", null)).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(Heard() == 3), "the owner's replay");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"/webhooks/deliveries/{delivery}/replay", null)).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(Heard() == 4), "the admin's replay");
    }

    [Fact]
    public async Task Deliveries_of_a_removed_subscription_stay_visible_to_its_owner()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var alice = Caseworker("alice-removes", "DE");
        var hers = await alice.SubscribeAsync(receiver.Url);
        var (_, warningId) = await app.WarningInAsync("DE");
        await Eventually.HoldsAsync(async () => (await alice.DeliveriesAsync("delivered")).Any(d => d.IsFor(hers, warningId)), "alice's delivery");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/webhooks/{hers}")).StatusCode);
        Assert.Contains(await alice.DeliveriesAsync(), d => d.IsFor(hers, warningId));
    }

    [Fact]
    public async Task Only_caseworkers_and_admins_have_webhooks()
    {
        using var recorder = app.ClientAs([Role.Recorder], ["FR"], subject: "recorder-webhooks");
        using var auditor = app.ClientAs([Role.Auditor], subject: "auditor-webhooks");
        foreach (var client in new[] { recorder, auditor })
        {
            await Problem.AssertAsync(await client.GetAsync("/webhooks"), HttpStatusCode.Forbidden);
            await Problem.AssertAsync(await client.GetAsync("/webhooks/deliveries"), HttpStatusCode.Forbidden);
            await Problem.AssertAsync(await client.PostAsync("/webhooks",
                new StringContent("""{ "url": "https://127.0.0.1/hook", "secret": "0123456789abcdef" }""", System.Text.Encoding.UTF8, "application/json")),
                HttpStatusCode.Forbidden);
        }
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/webhooks")).StatusCode);
    }
}
