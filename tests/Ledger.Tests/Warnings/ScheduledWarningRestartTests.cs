using Ledger.Projections.Warnings;
using Ledger.Tests.Support;

namespace Ledger.Tests.Warnings;

/// <summary>Own fixture: this test restarts the service.</summary>
public class ScheduledWarningRestartTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    [Fact]
    public async Task A_scheduled_warning_survives_a_restart_and_fires_on_its_day()
    {
        // Put the service clock 3 seconds before midnight UTC, so the next day's check is due 3 real seconds from now.
        var now = app.Clock.GetUtcNow();
        var midnight = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        app.Clock.SetUtcNow(midnight.AddSeconds(-3));

        // Inside for 84 days today: 6 lawful days left, so "5 days left" is reached tomorrow.
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(83))).EnsureSuccessStatusCode();
        async Task<IReadOnlyList<string>> ThresholdsAsync()
        {
            await using var session = app.Store.QuerySession();
            return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<WarningIssued>().Select(w => w.Threshold).ToList();
        }
        Assert.Equal(["15-days-left"], await ThresholdsAsync());

        await app.RestartAsync();
        app.Clock.SetUtcNow(midnight);

        await Eventually.HoldsAsync(async () => (await ThresholdsAsync()).Contains("5-days-left"), "the scheduled check to fire after the restart");
        Assert.Equal(["15-days-left", "5-days-left"], await ThresholdsAsync());
    }
}
