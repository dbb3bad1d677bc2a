using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;

namespace Ledger.Tests.Webhooks;

/// <summary>Deliveries are at least once, and say so: ids to de-duplicate on, and an attempt on record before it is sent.</summary>
public class WebhookAtLeastOnceTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task Every_delivery_carries_its_delivery_id_and_warning_id_in_headers_and_body_the_same_on_every_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = app.ClientAs([Role.Admin], subject: "admin-ids");
        var subscription = await admin.SubscribeAsync(receiver.Url);
        receiver.FailNext(1); // the first attempt fails, so the same delivery is sent twice

        var (_, warningId) = await app.WarningInAsync("FR");
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Count == 1), "the retried delivery");

        var ids = receiver.Ids.ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(ids, i => Assert.Equal(warningId, i.WarningId));
        Assert.Equal(ids[0].DeliveryId, ids[1].DeliveryId);
        var body = JsonDocument.Parse(Assert.Single(receiver.Received).Body).RootElement;
        Assert.Equal(ids[0].DeliveryId, body.GetProperty("deliveryId").GetString());
        Assert.Equal(warningId, body.GetProperty("warningId").GetString());
        // The record is marked delivered after the receiver's answer arrives, so it may trail the receipt a little.
        IReadOnlyList<JsonElement> delivered = [];
        await Eventually.HoldsAsync(async () => (delivered = (await admin.DeliveriesAsync("delivered"))
            .Where(d => d.GetProperty("subscriptionId").GetGuid() == subscription).ToList()).Count > 0, "the delivery on record as delivered");
        var delivery = Assert.Single(delivered);
        Assert.Equal(ids[0].DeliveryId, delivery.GetProperty("id").GetString());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task An_attempt_is_on_record_before_the_request_is_sent_so_a_crash_mid_delivery_shows()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = app.ClientAs([Role.Admin], subject: "admin-in-flight");
        var subscription = await admin.SubscribeAsync(receiver.Url);
        async Task<IReadOnlyList<JsonElement>> Mine(string status) =>
            (await admin.DeliveriesAsync(status)).Where(d => d.GetProperty("subscriptionId").GetGuid() == subscription).ToList();
        receiver.Hold(); // the receiver holds the request, as when the service dies before the answer arrives

        await app.WarningInAsync("DE");
        await Eventually.HoldsAsync(() => Task.FromResult(!receiver.Ids.IsEmpty), "the request to reach the receiver");
        var inFlight = Assert.Single(await Mine("pending"));
        Assert.Equal(1, inFlight.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.String, inFlight.GetProperty("attemptInFlightSince").ValueKind);

        receiver.Release();
        await Eventually.HoldsAsync(async () => (await Mine("delivered")).Count == 1, "the delivery to complete");
        var done = Assert.Single(await Mine("delivered"));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("attemptInFlightSince").ValueKind);
    }
}
