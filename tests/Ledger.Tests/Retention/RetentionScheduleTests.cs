using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Retention;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Tests.Retention;

/// <summary>
/// Sweeps that meet (two at once on one store: what two nodes do, the lock being in PostgreSQL), the daily schedule
/// claimed once.
/// </summary>
public class RetentionScheduleTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private async Task<Guid> WithExpiredStayAsync()
    {
        var id = await app.RegisterTravellerAsync("US");
        var exit = Today.AddYears(-3).AddDays(-5);
        foreach (var (crossingId, direction, date) in new[] { ("in", "entry", exit.AddDays(-10)), ("out", "exit", exit), ("later", "entry", Today.AddDays(-3)) })
            Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync($"/travellers/{id}/crossings",
                new { crossingId, direction, country = "DE", date = date.ToString("yyyy-MM-dd"), borderPoint = "Frankfurt" })).StatusCode);
        return id;
    }

    private async Task<JsonElement> SweepAsync()
    {
        var response = await app.Http.PostAsync("/retention/sweeps", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Two_sweeps_at_once_erase_each_record_once()
    {
        var travellers = new List<Guid>();
        for (var i = 0; i < 6; i++) travellers.Add(await WithExpiredStayAsync());

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SweepAsync()));

        Assert.Equal(travellers.Count * 2, sweeps.Sum(s => s.GetProperty("recordsErased").GetInt32()));
        foreach (var id in travellers)
        {
            var fact = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/erasures")).GetProperty("erasures").EnumerateArray());
            Assert.Equal(2, fact.GetProperty("count").GetInt32());
            var crossings = await app.Http.GetStringAsync($"/travellers/{id}/crossings");
            Assert.DoesNotContain("\"out\"", crossings);
            Assert.Contains("\"later\"", crossings);
        }
    }

    [Fact]
    public async Task Each_days_sweep_is_scheduled_by_one_claim_only()
    {
        var schedule = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RetentionSchedule>().Single();
        await schedule.ScheduleNextAsync(CancellationToken.None);
        await schedule.ScheduleNextAsync(CancellationToken.None);
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = db.CreateCommand($"SELECT count(*) FROM {RetentionTables.SweepDays}");
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}
