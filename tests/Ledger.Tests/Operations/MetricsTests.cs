using System.Net;
using System.Net.Http.Json;
using Ledger.Tests.Support;
using Ledger.Tests.Webhooks;

namespace Ledger.Tests.Operations;

/// <summary>
/// <c>/metrics</c> after real traffic: the series an operator watches are there, and move by exactly what the test did
/// (the class runs alone: see <see cref="AloneWithItsMeters"/>).
/// </summary>
[Collection(AloneWithItsMeters.Name)]
public class MetricsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Requests_by_route_and_status_and_writes_by_outcome_grow_by_what_was_sent()
    {
        using var scraper = app.Anonymous(); // loopback: no token needed
        var before = await Scrape.FromAsync(scraper);

        for (var i = 0; i < 3; i++) await app.RegisterTravellerAsync();
        var refused = await app.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "not a country" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var traveller = await app.RegisterTravellerAsync();
        for (var i = 0; i < 2; i++) (await app.Http.GetAsync($"/travellers/{traveller}/status")).EnsureSuccessStatusCode();

        (string, string) Route(string route) => ("http_route", route);
        // ASP.NET Core records a request's duration once the response has gone, which can be just after the client has
        // it: wait for the counters to catch up rather than read them once.
        await GrowsAsync(scraper, before, 4, "http_server_request_duration_seconds_count", Route("/travellers"), ("http_response_status_code", "201"));
        await GrowsAsync(scraper, before, 1, "http_server_request_duration_seconds_count", Route("/travellers"), ("http_response_status_code", "400"));
        await GrowsAsync(scraper, before, 2, "http_server_request_duration_seconds_count", Route("/travellers/{id}/status"), ("http_response_status_code", "200"));
        await GrowsAsync(scraper, before, 4, "ledger_writes_total", ("route", "/travellers"), ("outcome", "created"));
        await GrowsAsync(scraper, before, 1, "ledger_writes_total", ("route", "/travellers"), ("outcome", "invalid"));
        Assert.Null((await Scrape.FromAsync(scraper)).Value("ledger_writes_total", ("route", "/travellers/{id}/status"))); // reads are not writes
    }

    [Fact]
    public async Task A_warning_is_counted_once_issued_and_projections_deliveries_and_dead_letters_are_shown()
    {
        using var scraper = app.Anonymous();
        var before = await Scrape.FromAsync(scraper);

        await app.WarningInAsync("FR"); // exactly one warning, "15 days left" on the Schengen rule

        await GrowsAsync(scraper, before, 1, "ledger_warnings_issued_total", ("regime", "schengen"), ("threshold", "15-days-left"));
        var after = await Scrape.FromAsync(scraper);
        foreach (var shard in new[] { "AlertFeed:All", "BorderTraffic:All" })
        {
            Assert.True(after.Value("ledger_projection_lag", ("shard", shard)) >= 0, $"lag of {shard}:\n{after.Text}");
            Assert.True(after.Value("ledger_projection_age_seconds", ("shard", shard)) >= 0, $"age of {shard}");
        }
        foreach (var status in new[] { "pending", "delivered", "failed" })
            Assert.NotNull(after.Value("ledger_webhook_deliveries", ("status", status)));
        Assert.Equal(0, after.Value("ledger_dead_letters"));
        // Wolverine's and Marten's own: the warning's fan-out message was handled, events were appended.
        await Eventually.HoldsAsync(async () => (await Scrape.FromAsync(scraper)).Value("wolverine_execution_time_Milliseconds_count") > 0, "Wolverine's execution histogram");
        Assert.True(after.Value("marten_event_append_events_total") > 0);
    }

    private static async Task GrowsAsync(HttpClient scraper, Scrape before, double by, string name, params (string, string)[] labels)
    {
        Scrape? last = null;
        try
        {
            await Eventually.HoldsAsync(async () => Grew(before, last = await Scrape.FromAsync(scraper), name, labels) == by,
                $"{name}{{{string.Join(",", labels.Select(l => $"{l.Item1}={l.Item2}"))}}} to grow by {by}", seconds: 30);
        }
        catch (Xunit.Sdk.FailException) when (last is not null)
        {
            Assert.Fail($"{name} grew by {Grew(before, last, name, labels)}, not {by}; its samples before:\n{Lines(before, name)}\nafter:\n{Lines(last, name)}");
        }
    }

    private static string Lines(Scrape scrape, string name) =>
        string.Join("\n", scrape.Text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)));

    private static double Grew(Scrape before, Scrape after, string name, params (string, string)[] labels) =>
        after.ValueOrZero(name, labels) - before.ValueOrZero(name, labels);
}
