using System.Net;
using System.Net.Http.Json;
using Ledger.Projections.Travellers;
using Ledger.Tests.Support;
using Ledger.Travellers;
using Marten;
using Npgsql;

namespace Ledger.Tests.Travellers;

/// <summary>A snapshot stored before some of its books existed is rebuilt from its events, so no book is ever null.</summary>
public class SnapshotUpgradeTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_snapshot_of_an_older_shape_is_rebuilt_with_every_book_and_the_same_records()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(10))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync($"/travellers/{id}/plans", new
        {
            planId = "trip-1", legs = new[] { new { country = "ES", from = app.DaysAgo(-20), to = app.DaysAgo(-30) } },
        })).StatusCode);
        var untouched = await app.GetJsonAsync($"/travellers/{id}/status");

        // The shape of a snapshot written before evidence, warnings, movements and plans were kept in it.
        await using (var db = NpgsqlDataSource.Create(app.ConnectionString))
        await using (var strip = db.CreateCommand("UPDATE ledger.mt_doc_traveller SET data = data - 'Evidence' - 'Warnings' - 'Movements' - 'Plans' WHERE id = $1"))
        {
            strip.Parameters.Add(new() { Value = id });
            Assert.Equal(1, await strip.ExecuteNonQueryAsync());
        }
        await using (var session = app.Store.QuerySession())
            Assert.Null((await session.LoadAsync<Traveller>(id))!.Plans);

        Assert.True(await SnapshotUpgrade.RunAsync(app.Store, CancellationToken.None) >= 1);

        await using (var session = app.Store.QuerySession())
        {
            var rebuilt = (await session.LoadAsync<Traveller>(id))!;
            Assert.NotNull(rebuilt.Evidence);
            Assert.NotNull(rebuilt.Warnings);
            Assert.NotNull(rebuilt.Movements);
            Assert.Equal("trip-1", Assert.Single(rebuilt.Plans.Active).Recorded.PlanId);
        }
        Assert.Equal(untouched.GetRawText(), (await app.GetJsonAsync($"/travellers/{id}/status")).GetRawText());
        // Nothing left to rebuild: a second run finds no snapshot of an older shape.
        Assert.Equal(0, await SnapshotUpgrade.RunAsync(app.Store, CancellationToken.None));
    }
}
