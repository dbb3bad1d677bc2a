using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>A host with small limits, so they can be reached in a test.</summary>
public sealed class SmallLimitsApp : LedgerApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ledger:RateLimits:PerPrincipalPerMinute"] = "8",
        ["Ledger:RateLimits:PartnerPerMinute"] = "3",
        ["Ledger:Limits:MaxBodyBytes"] = "2048",
        ["Ledger:Limits:MaxBatchBodyBytes"] = "16384",
    };
}

public class AbuseLimitTests(SmallLimitsApp app) : IClassFixture<SmallLimitsApp>
{
    [Fact]
    public async Task A_partner_over_its_limit_gets_429_with_retry_after_and_other_principals_are_unaffected()
    {
        using var partner = app.ClientAs([Role.Partner], ["US"], subject: "us-cbp-limited");
        var traveller = Guid.NewGuid(); // existence does not matter to the limiter
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await partner.GetAsync($"/travellers/{traveller}/shared-records")).StatusCode);
        Assert.All(statuses.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));

        var refused = await partner.GetAsync($"/travellers/{traveller}/shared-records");
        await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);

        using var auditor = app.ClientAs([Role.Auditor], subject: "auditor-unlimited");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await auditor.GetAsync($"/travellers/{traveller}/status")).StatusCode);
    }

    [Fact]
    public async Task Health_probes_are_never_limited()
    {
        using var probe = app.Anonymous();
        for (var i = 0; i < 12; i++) Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Other_principals_get_their_own_larger_limit()
    {
        using var recorder = app.ClientAs([Role.Recorder], ["FR"], subject: "recorder-limited");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
            statuses.Add((await recorder.PostAsJsonAsync("/travellers", new { nationalities = new[] { "IN" } })).StatusCode);
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_records_nothing()
    {
        using var recorder = app.ClientAs([Role.Recorder], ["FR"], subject: "recorder-big-bodies");
        var created = await recorder.PostAsJsonAsync("/travellers", new { nationalities = new[] { "IN" } });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var before = await app.StreamVersionAsync(id);

        var padding = new string('x', 3000);
        var big = new StringContent($$"""{ "crossingId": "c1", "direction": "entry", "country": "FR", "date": "2025-01-01", "borderPoint": "{{padding}}" }""",
            Encoding.UTF8, "application/json");
        await Problem.AssertAsync(await recorder.PostAsync($"/travellers/{id}/crossings", big), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await app.StreamVersionAsync(id));

        // The batch route has its own, larger limit: the same size is read (and refused for its content, not its size).
        var batch = new StringContent($$"""{ "crossings": [{ "crossingId": "c1", "direction": "entry", "country": "FR", "date": "2025-01-01", "borderPoint": "{{padding}}" }] }""",
            Encoding.UTF8, "application/json");
        var answer = await recorder.PostAsync($"/travellers/{id}/crossings/batch", batch);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode); // borderPoint is longer than 100 characters
    }
}
