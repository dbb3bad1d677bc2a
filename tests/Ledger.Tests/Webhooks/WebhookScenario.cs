using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Webhooks;

/// <summary>The steps webhook tests share: subscribe as some principal, make a warning happen, read deliveries.</summary>
public static class WebhookScenario
{
    public const string Secret = "webhook-test-secret-0123";

    public static async Task<Guid> SubscribeAsync(this HttpClient client, string url, string secret = Secret)
    {
        var response = await client.PostAsJsonAsync("/webhooks", new { url, secret });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"subscribe: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A new traveller inside <paramref name="country"/> for 81 days: exactly one warning ("15 days left"), for a stay in that country.</summary>
    public static async Task<(Guid Traveller, string WarningId)> WarningInAsync(this LedgerApp app, string country)
    {
        var traveller = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(traveller, "in", "entry", country, app.DaysAgo(80))).EnsureSuccessStatusCode();
        await using var session = app.Store.QuerySession();
        var warning = Assert.Single((await session.Events.FetchStreamAsync(traveller)).Select(e => e.Data).OfType<WarningIssued>());
        Assert.Equal(country, warning.Facts.StayEntryCountry);
        return (traveller, warning.WarningId);
    }

    public static async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(this HttpClient client, string? status = null)
    {
        var response = await client.GetAsync("/webhooks/deliveries" + (status is null ? "" : $"?status={status}"));
        Assert.True(response.IsSuccessStatusCode, $"deliveries: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    public static async Task<IReadOnlyList<Guid>> SubscriptionIdsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/webhooks");
        Assert.True(response.IsSuccessStatusCode, $"webhooks: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
    }

    public static bool IsFor(this JsonElement delivery, Guid subscription, string warningId) =>
        delivery.GetProperty("subscriptionId").GetGuid() == subscription && delivery.GetProperty("warningId").GetString() == warningId;

    public static string SignatureFor(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
