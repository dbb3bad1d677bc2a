using System.Net;
using Ledger.Tests.Support;

namespace Ledger.Tests.Stays;

public class PlanningTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> SixtyDaysEarlyAsync()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", "2023-12-01")).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", "2024-01-29")).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task Plan_and_earliest_answer_on_the_recorded_history_like_the_command_line()
    {
        var id = await SixtyDaysEarlyAsync();
        var plan = await app.GetJsonAsync($"/travellers/{id}/plan?enter=2024-05-01");
        Assert.Equal(90, plan.GetProperty("maxStayDays").GetInt32());
        Assert.Equal("2024-07-29", plan.GetProperty("lastDay").GetString());

        var earliest = await app.GetJsonAsync($"/travellers/{id}/earliest?days=90&from=2024-03-01");
        Assert.Equal("2024-04-29", earliest.GetProperty("earliestEntry").GetString());
    }

    [Theory]
    [InlineData("plan?enter=someday")]
    [InlineData("plan?enter=2012-01-01")]
    [InlineData("earliest?days=91&from=2024-03-01")]
    [InlineData("earliest?days=ten&from=2024-03-01")]
    [InlineData("earliest?days=10")]
    public async Task Bad_planning_questions_are_400(string query)
    {
        var id = await SixtyDaysEarlyAsync();
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/{query}"), HttpStatusCode.BadRequest);
    }
}
