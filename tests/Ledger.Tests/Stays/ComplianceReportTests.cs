using System.Net;
using System.Net.Http.Headers;
using Ledger.Tests.Support;

namespace Ledger.Tests.Stays;

public class ComplianceReportTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> OverstayerAsync()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "DE", "2025-01-01")).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "DE", "2025-04-10")).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_json_report_has_a_daily_series_the_unlawful_periods_and_the_maximum()
    {
        var id = await OverstayerAsync();
        var report = await app.GetJsonAsync($"/travellers/{id}/compliance?from=2025-03-30&to=2025-04-15");
        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(17, days.Count);
        Assert.Equal(89, days[0].GetProperty("daysUsed").GetInt32());
        Assert.False(days[1].GetProperty("unlawful").GetBoolean()); // 2025-03-31: day 90
        Assert.True(days[2].GetProperty("unlawful").GetBoolean());  // 2025-04-01: day 91
        Assert.Equal(100, report.GetProperty("maxDaysUsed").GetInt32());
        var violation = Assert.Single(report.GetProperty("violations").EnumerateArray());
        Assert.Equal("2025-04-01", violation.GetProperty("from").GetString());
        Assert.Equal(10, violation.GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task The_csv_report_has_one_row_per_day()
    {
        var id = await OverstayerAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/travellers/{id}/compliance?from=2025-03-31&to=2025-04-02");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await app.Http.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("compliance-schengen-2025-03-31-to-2025-04-02.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            "date,daysUsed,present,unlawful\n2025-03-31,90,true,false\n2025-04-01,91,true,true\n2025-04-02,92,true,true\n",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("from=2025-04-02&to=2025-04-01")]
    [InlineData("from=2025-04-02")]
    [InlineData("from=2000-01-01&to=2025-01-01")]
    [InlineData("from=2025-01-01&to=2025-02-01&regime=mars")]
    [InlineData("from=9999-12-01&to=9999-12-31")]
    public async Task Bad_ranges_are_400(string query)
    {
        var id = await OverstayerAsync();
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/compliance?{query}"), HttpStatusCode.BadRequest);
    }
}
