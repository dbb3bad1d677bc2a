using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;
using Ledger.Writing;

namespace Ledger.Tests.Travellers;

public class RegisterTravellerTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_registered_traveller_can_be_read_back_with_identity_kept_apart_from_events()
    {
        var response = await app.Http.PostAsJsonAsync("/travellers", new
        {
            nationalities = new[] { "US", "CA" },
            givenNames = "Ada",
            familyName = "Lovelace",
            documents = new[] { new { type = "passport", number = "P1234567", issuingCountry = "US" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/travellers/{id}", response.Headers.Location?.ToString());

        var traveller = await app.Http.GetFromJsonAsync<JsonElement>($"/travellers/{id}");
        Assert.Equal(["US", "CA"], traveller.GetProperty("nationalities").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("Lovelace", traveller.GetProperty("identity").GetProperty("familyName").GetString());

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.DoesNotContain("P1234567", JsonSerializer.Serialize(events.Select(e => e.Data).ToList()));
    }

    [Theory]
    [InlineData("""{ "nationalities": [] }""", "nationalities")]
    [InlineData("""{ "nationalities": ["Mars"] }""", "nationalities[0]")]
    [InlineData("""{ "nationalities": ["FR"], "dateOfBirth": "1990-02-31" }""", "dateOfBirth")]
    [InlineData("""{ "nationalities": ["FR"], "documents": [ { "type": "passport" } ] }""", "documents[0].number")]
    public async Task Bad_registrations_are_400_and_create_nothing(string json, string field)
    {
        await using var before = app.Store.QuerySession();
        var streams = await Marten.QueryableExtensions.CountAsync(before.Events.QueryAllRawEvents());

        var response = await app.Http.PostAsync("/travellers", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(field, body.GetProperty("detail").GetString());

        await using var after = app.Store.QuerySession();
        Assert.Equal(streams, await Marten.QueryableExtensions.CountAsync(after.Events.QueryAllRawEvents()));
    }

    [Fact]
    public async Task An_unknown_traveller_is_a_404_problem()
    {
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        var health = await app.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("projections").GetProperty("status").GetString());
        var openApi = await app.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var crossings = openApi.GetProperty("paths").GetProperty("/travellers/{id}/crossings").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "400", "403", "404", "409" })
            Assert.True(crossings.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"POST crossings declares {status}");
        // Out-of-order crossings are recorded (anomalies show the gaps): no 422 any more.
        Assert.False(crossings.TryGetProperty("422", out _), "POST crossings no longer refuses with 422");
    }
}

public class TravellerIdempotencyAndErasureTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private Task<HttpResponseMessage> Register(string key, params string[] nationalities)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/travellers") { Content = JsonContent.Create(new { nationalities }) };
        request.Headers.Add("Idempotency-Key", key);
        return app.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_retried_registration_with_the_same_key_returns_the_same_traveller_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Register(key, "US");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var again = await Register(key, "US");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(1, await app.StreamVersionAsync(id));

        await Problem.AssertAsync(await Register(key, "CA"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Erasing_the_identity_keeps_the_history()
    {
        var response = await app.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" }, familyName = "Doe" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(3))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/travellers/{id}/identity")).StatusCode);
        var traveller = await app.GetJsonAsync($"/travellers/{id}");
        Assert.Equal(JsonValueKind.Null, traveller.GetProperty("identity").ValueKind);
        Assert.Equal(4, await app.SchengenDaysUsedAsync(id));
        await Problem.AssertAsync(await app.Http.DeleteAsync($"/travellers/{Guid.NewGuid()}/identity"), HttpStatusCode.NotFound);
    }
}
