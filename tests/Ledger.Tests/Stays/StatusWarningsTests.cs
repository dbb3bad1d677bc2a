using System.Text.Json;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;

namespace Ledger.Tests.Stays;

/// <summary>
/// "Was I warned?" in the status itself: <c>GET /travellers/{id}/status</c> lists the warnings in force (id, rule,
/// threshold, days left, issued at), and none once they are withdrawn; as known at an instant, those in force then.
/// </summary>
public class StatusWarningsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static List<JsonElement> WarningsOf(JsonElement status) => status.GetProperty("warnings").EnumerateArray().ToList();

    [Fact]
    public async Task The_status_lists_the_warnings_in_force_and_none_once_they_are_withdrawn()
    {
        var id = await app.RegisterTravellerAsync("US");
        Assert.Empty(WarningsOf(await app.GetJsonAsync($"/travellers/{id}/status")));

        (await app.RecordCrossingAsync(id, "typo", "entry", "FR", app.DaysAgo(100))).EnsureSuccessStatusCode();
        var issued = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
        var warning = Assert.Single(WarningsOf(await app.GetJsonAsync($"/travellers/{id}/status")));
        Assert.Equal(issued.WarningId, warning.GetProperty("id").GetString());
        Assert.Equal("schengen", warning.GetProperty("rule").GetString());
        Assert.Equal("overstay-started", warning.GetProperty("threshold").GetString());
        Assert.Equal(0, warning.GetProperty("daysRemaining").GetInt32());
        Assert.Equal(issued.DaysUsed, warning.GetProperty("daysUsed").GetInt32());
        Assert.Equal(JsonValueKind.Null, warning.GetProperty("planId").ValueKind);
        var issuedAt = warning.GetProperty("issuedAt").GetDateTimeOffset();
        Assert.True(issuedAt > DateTimeOffset.UtcNow.AddMinutes(-5) && issuedAt <= DateTimeOffset.UtcNow.AddMinutes(1), $"issuedAt {issuedAt:O} is when it was recorded");
        var afterIssue = DateTimeOffset.UtcNow;

        (await app.PostAsync($"/travellers/{id}/crossings/typo/corrections", new { action = "void", reason = "keyed with the wrong year" })).EnsureSuccessStatusCode();
        Assert.Empty(WarningsOf(await app.GetJsonAsync($"/travellers/{id}/status")));

        // An auditor replaying the record as it was known before the void sees the warning that was in force then.
        var then = await app.GetJsonAsync($"/travellers/{id}/status?asKnownAt={Uri.EscapeDataString(afterIssue.ToString("O"))}");
        Assert.Equal(issued.WarningId, Assert.Single(WarningsOf(then)).GetProperty("id").GetString());
    }
}
