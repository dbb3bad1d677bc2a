using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Warnings;

/// <summary>The bad-entry problem: one warning for a mistaken entry, not four, and taken back when the entry is.</summary>
public class WarningWithdrawalTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task A_mistaken_entry_fires_one_warning_and_voiding_it_withdraws_the_warning_everywhere()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        const string secret = "withdrawal-secret-0123";
        (await app.PostAsync("/webhooks", new { url = receiver.Url, secret })).EnsureSuccessStatusCode();

        var id = await app.RegisterTravellerAsync("US");
        // Keyed with the wrong year: 100 days ago instead of a few days ago.
        (await app.RecordCrossingAsync(id, "typo", "entry", "FR", app.DaysAgo(100))).EnsureSuccessStatusCode();
        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
        Assert.Equal("overstay-started", warning.Threshold); // not four warnings: the most severe that applies
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());

        (await app.PostAsync($"/travellers/{id}/crossings/typo/corrections", new { action = "void", reason = "keyed with the wrong year" })).EnsureSuccessStatusCode();

        var withdrawn = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningWithdrawn>());
        Assert.Equal(warning.WarningId, withdrawn.WarningId);
        Assert.Contains("voided", withdrawn.Reason);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray()); // the overstay is retracted too

        // Subscribers hear of it, signed like the warning, under a delivery id of its own.
        await Eventually.HoldsAsync(async () =>
        {
            await Task.Yield();
            return receiver.Received.Count(r => r.Body.Contains(id.ToString())) == 2;
        }, "the warning and its withdrawal delivered");
        var bodies = receiver.Received.Where(r => r.Body.Contains(id.ToString())).ToList();
        foreach (var (body, signature) in bodies)
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))), signature);
        var retraction = bodies.Select(b => JsonDocument.Parse(b.Body).RootElement).Single(b => b.GetProperty("type").GetString() == "warningWithdrawn");
        Assert.Equal(warning.WarningId, retraction.GetProperty("warningId").GetString());
        Assert.Equal("overstay-started", retraction.GetProperty("warning").GetProperty("threshold").GetString());
        Assert.Equal(2, receiver.Ids.Where(i => i.WarningId == warning.WarningId).Select(i => i.DeliveryId).Distinct().Count());

        // The feed shows the warning, then its withdrawal.
        var alerts = await app.AlertsOfAsync(id, 2);
        Assert.Equal(["warningIssued", "warningWithdrawn"], alerts.Select(a => a.GetProperty("type").GetString()));
        Assert.All(alerts, a => Assert.Equal(warning.WarningId, a.GetProperty("id").GetString()));
        Assert.True(alerts[0].GetProperty("cursor").GetInt64() < alerts[1].GetProperty("cursor").GetInt64());
        Assert.Contains("voided", alerts[1].GetProperty("withdrawal").GetProperty("reason").GetString());

        // Nothing more happens on later writes: it is withdrawn once and never issued again.
        (await app.RecordCrossingAsync(id, "real", "entry", "FR", app.DaysAgo(3))).EnsureSuccessStatusCode();
        Assert.Single((await app.EventsOfAsync(id)).OfType<WarningWithdrawn>());
        Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
    }

    [Fact]
    public async Task A_corrected_date_withdraws_a_threshold_the_records_no_longer_reach()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(80))).EnsureSuccessStatusCode();
        Assert.Equal("15-days-left", Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>()).Threshold);

        (await app.PostAsync($"/travellers/{id}/crossings/in/corrections", new
        {
            action = "correct", reason = "stamp misread", direction = "entry", country = "FR", date = app.DaysAgo(8),
        })).EnsureSuccessStatusCode();
        var withdrawn = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningWithdrawn>());
        Assert.Contains("was not reached", withdrawn.Reason);
        var alerts = await app.AlertsOfAsync(id, 2);
        Assert.Equal("warningWithdrawn", alerts[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_warning_that_was_right_stands_when_the_traveller_leaves()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(80))).EnsureSuccessStatusCode();
        Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(0))).EnsureSuccessStatusCode();
        // A permit elsewhere and a moved entry of the same stay that still reaches the threshold change nothing either.
        (await app.PostAsync($"/travellers/{id}/crossings/in/corrections", new
        {
            action = "correct", reason = "earlier stamp", direction = "entry", country = "FR", date = app.DaysAgo(82),
        })).EnsureSuccessStatusCode();
        Assert.Empty((await app.EventsOfAsync(id)).OfType<WarningWithdrawn>());
    }
}
