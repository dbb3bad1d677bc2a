using System.Net;
using Ledger.Tests.Support;

namespace Ledger.Tests.Movements;

public class RecordMovementTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_train_to_copenhagen_after_the_schengen_90_moves_the_days_to_the_nordic_count()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", "2025-03-01")).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "DK", "2025-06-20")).EnsureSuccessStatusCode();
        var before = await app.GetJsonAsync($"/travellers/{id}/status?on=2025-06-20");
        Assert.DoesNotContain(before.GetProperty("regimes").EnumerateArray(), r => r.GetProperty("regime").GetString() == "denmark-nordic-bilateral");

        var moved = await app.PostAsync($"/travellers/{id}/movements", new { movementId = "train-1", country = "DK", date = "2025-05-30", source = "ticket" });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        var status = await app.GetJsonAsync($"/travellers/{id}/status?on=2025-06-20");
        var nordic = status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "denmark-nordic-bilateral");
        Assert.Equal(22, nordic.GetProperty("daysUsed").GetInt32());
        var schengen = status.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen");
        Assert.Equal(1, schengen.GetProperty("violations").GetArrayLength()); // the travel day, in France too

        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/movements", new { movementId = "train-1", country = "DK", date = "2025-05-30", source = "ticket" })).StatusCode);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/movements", new { movementId = "train-1", country = "SE", date = "2025-05-30", source = "ticket" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_movements_are_400_and_record_nothing()
    {
        var id = await app.RegisterTravellerAsync("US");
        var version = await app.StreamVersionAsync(id);
        var problem = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/movements", new { movementId = "m", country = "XX", date = "2999-01-01", source = "rumour" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("source", out _));
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/movements", new { movementId = "m", country = "XX", date = "2025-01-01", source = "ticket" }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/movements", new { movementId = "m", country = "FR", date = "2999-01-01", source = "ticket" }), HttpStatusCode.BadRequest);
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }
}
