using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Writing;

namespace Ledger.Tests.History;

public class EventHistoryTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Every_event_records_the_authenticated_subject_and_the_correlation_id_not_a_client_written_name()
    {
        var id = await app.RegisterTravellerAsync();
        using var borderSystem = app.ClientAs([Role.Recorder], ["FR"], subject: "border-system/CDG-T2");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/travellers/{id}/crossings")
        {
            Content = JsonContent.Create(new { crossingId = "c", direction = "entry", country = "FR", date = app.DaysAgo(1) }),
        };
        request.Headers.Add("X-Recorded-By", "someone-else"); // a client cannot name the recorder: ignored
        request.Headers.Add("X-Correlation-Id", "corr-123");
        var response = await borderSystem.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("corr-123", response.Headers.GetValues("X-Correlation-Id").Single());

        var entry = (await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray().Last();
        Assert.Equal("entry_recorded", entry.GetProperty("type").GetString());
        Assert.Equal("border-system/CDG-T2", entry.GetProperty("recordedBy").GetString());
        Assert.Equal("corr-123", entry.GetProperty("correlationId").GetString());
        Assert.Equal("c", entry.GetProperty("data").GetProperty("crossingId").GetString());
    }

    [Fact]
    public async Task Registration_records_who_registered()
    {
        using var recorder = app.ClientAs([Role.Recorder], subject: "border-system/JFK-T4");
        var created = await recorder.PostAsJsonAsync("/travellers", new { nationalities = new[] { "IN" } });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var registered = (await app.GetJsonAsync($"/travellers/{id}/events")).EnumerateArray().First();
        Assert.Equal("traveller_registered", registered.GetProperty("type").GetString());
        Assert.Equal("border-system/JFK-T4", registered.GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task If_match_with_a_stale_version_is_409_and_writes_nothing()
    {
        var id = await app.RegisterTravellerAsync();
        var version = await app.StreamVersionAsync(id);

        HttpRequestMessage Post(string crossingId, string direction, string date, long expected)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, $"/travellers/{id}/crossings")
            {
                Content = JsonContent.Create(new { crossingId, direction, country = "FR", date }),
            };
            r.Headers.TryAddWithoutValidation("If-Match", $"\"{expected}\"");
            return r;
        }

        Assert.Equal(HttpStatusCode.Created, (await app.Http.SendAsync(Post("in", "entry", app.DaysAgo(5), version))).StatusCode);
        var stale = await app.Http.SendAsync(Post("out", "exit", app.DaysAgo(1), version));
        var body = await Problem.AssertAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal(version + 1, body.GetProperty("currentVersion").GetInt64());
        Assert.Equal(version + 1, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Events_of_an_unknown_traveller_is_404()
    {
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{Guid.NewGuid()}/events"), HttpStatusCode.NotFound);
    }
}
