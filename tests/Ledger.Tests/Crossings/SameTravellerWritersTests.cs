using System.Net;
using System.Net.Http.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Crossings;

/// <summary>Writers on one traveller queue on the stream (exclusive fetch) instead of failing each other with 409s.</summary>
public class SameTravellerWritersTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Fifty_concurrent_writers_on_one_traveller_all_succeed_without_retrying()
    {
        var id = await app.RegisterTravellerAsync("US");
        // Fifty one-day trips, all inside the last year, posted at once from fifty clients.
        var writes = Enumerable.Range(0, 50).Select(async i =>
        {
            using var client = app.ClientAs([Ledger.Access.Role.Recorder], ["FR"], subject: $"writer-{i}");
            var day = app.DaysAgo(300 - 5 * i);
            var entry = await client.PostAsJsonAsync($"/travellers/{id}/crossings", new { crossingId = $"in-{i}", direction = "entry", country = "FR", date = day });
            var exit = await client.PostAsJsonAsync($"/travellers/{id}/crossings", new { crossingId = $"out-{i}", direction = "exit", country = "FR", date = day });
            return new[] { entry.StatusCode, exit.StatusCode };
        });
        var statuses = (await Task.WhenAll(writes)).SelectMany(s => s).ToList();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var view = await app.GetJsonAsync($"/travellers/{id}/crossings");
        var crossings = view.GetProperty("crossings").EnumerateArray().ToList();
        Assert.Equal(100, crossings.Select(c => c.GetProperty("crossingId").GetString()).Distinct().Count());
        Assert.Equal(50, view.GetProperty("stays").GetArrayLength());
        Assert.Empty(view.GetProperty("anomalies").EnumerateArray());
        // On the last trip's day (55 days ago) the 180-day window reaches back to 234 days ago: trips 14..49 are in it.
        Assert.Equal(36, await app.SchengenDaysUsedAsync(id, app.DaysAgo(55)));
    }
}
