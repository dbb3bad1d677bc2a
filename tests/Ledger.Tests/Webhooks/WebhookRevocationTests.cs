using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Access;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;

namespace Ledger.Tests.Webhooks;

/// <summary>
/// A subscription remembers the token that registered it. Revoking that token pauses it: warnings are kept as failed,
/// unsent deliveries, until an admin re-registers it; then new warnings are delivered and the kept ones can be replayed.
/// </summary>
public class WebhookRevocationTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task Webhooks_registered_with_a_revoked_token_are_paused_until_an_admin_re_registers_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = app.TokenFor([Role.Caseworker], ["PT"], subject: "caseworker-revoked");
        using var caseworker = app.WithToken(token);
        var paused = await caseworker.SubscribeAsync(receiver.Url + "?token=revoked");
        var kept = await app.Http.SubscribeAsync(receiver.Url + "?token=admin");

        var revocation = await app.Http.PostAsJsonAsync("/tokens/revocations",
            new { jti = TokenRevocationTests.IdOf(token), expires = app.Clock.GetUtcNow().AddHours(1) });
        Assert.Equal(HttpStatusCode.Created, revocation.StatusCode);
        Assert.True(Subscription(await app.GetJsonAsync("/webhooks"), paused).GetProperty("paused").GetBoolean());
        Assert.False(Subscription(await app.GetJsonAsync("/webhooks"), kept).GetProperty("paused").GetBoolean());

        // A warning now reaches the admin's subscription, not the paused one; the paused one's is kept, failed and unsent.
        var (_, first) = await app.WarningInAsync("PT");
        await Eventually.HoldsAsync(async () => (await app.Http.DeliveriesAsync("delivered")).Any(d => d.IsFor(kept, first)), "the admin's delivery");
        var held = (await app.Http.DeliveriesAsync("failed")).Single(d => d.IsFor(paused, first));
        Assert.Contains("paused", held.GetProperty("lastError").GetString());
        Assert.Equal(0, held.GetProperty("attempts").GetInt32());
        Assert.Equal(1, receiver.Received.Count(r => r.Body.Contains(first)));

        // A replay before re-registration sends nothing either.
        var heldId = held.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"/webhooks/deliveries/{heldId}/replay", null)).StatusCode);
        await Eventually.HoldsAsync(async () => (await app.Http.DeliveriesAsync("failed")).Any(d => d.GetProperty("id").GetGuid() == heldId), "the replay refused");
        Assert.Equal(1, receiver.Received.Count(r => r.Body.Contains(first)));

        // Only an admin re-registers (the owner, a caseworker, may not); then warnings flow again.
        using var owner = app.ClientAs([Role.Caseworker], ["PT"], subject: "caseworker-revoked");
        await Problem.AssertAsync(await owner.PostAsync($"/webhooks/{paused}/registration", null), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await app.Http.PostAsync($"/webhooks/{Guid.NewGuid()}/registration", null), HttpStatusCode.NotFound);
        var reregistered = await app.Http.PostAsync($"/webhooks/{paused}/registration", null);
        Assert.Equal(HttpStatusCode.OK, reregistered.StatusCode);
        Assert.False((await reregistered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());

        var (_, second) = await app.WarningInAsync("PT");
        await Eventually.HoldsAsync(async () => (await app.Http.DeliveriesAsync("delivered")).Any(d => d.IsFor(paused, second)), "the re-registered delivery");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"/webhooks/deliveries/{heldId}/replay", null)).StatusCode);
        await Eventually.HoldsAsync(async () => (await app.Http.DeliveriesAsync("delivered")).Any(d => d.GetProperty("id").GetGuid() == heldId), "the kept warning, replayed");
    }

    private static JsonElement Subscription(JsonElement list, Guid id) => list.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
}
