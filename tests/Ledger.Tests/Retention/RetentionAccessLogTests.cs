using System.Net;
using System.Net.Http.Json;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Retention;

/// <summary>The access log's rows are erased a year after their file (Art. 46), by the sweep only. Its own fixture: it moves the clock.</summary>
public class RetentionAccessLogTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private async Task<System.Text.Json.JsonElement> SweepAsync()
    {
        var response = await app.Http.PostAsync("/retention/sweeps", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    [Fact]
    public async Task Access_log_rows_of_an_erased_file_go_a_year_after_it_and_no_other_deletion_passes_the_guard()
    {
        var id = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync($"/travellers/{id}/crossings",
            new { crossingId = "gone-in", direction = "entry", country = "IT", date = Today.AddYears(-6).ToString("yyyy-MM-dd") })).StatusCode);
        var kept = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/travellers/{id}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/travellers/{kept}/status")).StatusCode);
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        Assert.True(await LogRowsAsync(db, id) > 0);

        Assert.True((await SweepAsync()).GetProperty("travellersErased").GetInt32() >= 1);
        var rows = await LogRowsAsync(db, id);
        Assert.True(rows > 0); // within the year: kept

        // Nobody else may delete from the log.
        await using (var delete = db.CreateCommand($"DELETE FROM {Ledger.AccessLog.AccessLogTable.Name} WHERE traveller_id = $1"))
        {
            delete.Parameters.Add(new() { Value = id });
            await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        }

        app.Clock.Advance(TimeSpan.FromDays(367));
        await SweepAsync();
        Assert.Equal(0, await LogRowsAsync(db, id));
        Assert.True(await LogRowsAsync(db, kept) > 0);
        var facts = (await app.GetJsonAsync($"/travellers/{id}/erasures")).GetProperty("erasures").EnumerateArray().ToList();
        Assert.Contains(facts, f => f.GetProperty("policyId").GetString() == "ees-art46" && f.GetProperty("recordKind").GetString() == "accessLog"
            && f.GetProperty("count").GetInt32() == rows);
    }

    private static async Task<long> LogRowsAsync(NpgsqlDataSource db, Guid traveller)
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM {Ledger.AccessLog.AccessLogTable.Name} WHERE traveller_id = $1");
        command.Parameters.Add(new() { Value = traveller });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
