using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;
using Marten;
using Marten.Events;

namespace Ledger.Tests.Stays;

/// <summary>The async projection catches up under the daemon mode we run (Wolverine-managed distribution, not HotCold).</summary>
public class BorderTrafficTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task The_async_border_traffic_projection_catches_up_with_recorded_crossings()
    {
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-40).ToString("yyyy-MM-dd");
        for (var i = 0; i < 3; i++)
        {
            var traveller = await app.RegisterTravellerAsync();
            (await app.RecordCrossingAsync(traveller, "in", "entry", "PT", day)).EnsureSuccessStatusCode();
            if (i < 2) (await app.RecordCrossingAsync(traveller, "out", "exit", "PT", day)).EnsureSuccessStatusCode();
        }

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var traffic = await app.Http.GetFromJsonAsync<JsonElement>($"/border-traffic/PT/{day}");
        Assert.Equal(3, traffic.GetProperty("entries").GetInt32());
        Assert.Equal(2, traffic.GetProperty("exits").GetInt32());
    }
}
