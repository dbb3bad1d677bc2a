using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ledger.Tests.Support;
using Ledger.Tests.Travellers;

namespace Ledger.Tests.Screening;

/// <summary>Input that once produced 500s or was stored unbounded: each is a clear 400 (or 404), nothing is stored, nothing personal is logged.</summary>
public class HostileInputTests(CapturedLogsApp app) : IClassFixture<CapturedLogsApp>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{ "crossingId": "a\u0000b", "direction": "entry", "country": "FR", "date": "2025-01-01" }""")]
    [InlineData("""{ "crossingId": "a\u0007b", "direction": "entry", "country": "FR", "date": "2025-01-01" }""")]
    [InlineData("""{ "crossingId": "a\nb", "direction": "entry", "country": "FR", "date": "2025-01-01" }""")]
    [InlineData("""{ "crossingId": "a", "direction": "entry", "country": "FR", "date": "2025-01-01", "borderPoint": "gate\u001b[31m" }""")]
    public async Task Control_characters_in_single_line_fields_are_400_and_store_nothing(string body)
    {
        var id = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(id);
        await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{id}/crossings", Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Theory]
    [InlineData("""{ "crossingId": "a\ud800", "direction": "entry", "country": "FR", "date": "2025-01-01" }""")]
    [InlineData("""{ "crossingId": "a\udc00b", "direction": "entry", "country": "FR", "date": "2025-01-01" }""")]
    [InlineData("""{ "crossingId": "a\ud800\u0041", "direction": "entry", "country": "FR", "date": "2025-01-01" }""")]
    public async Task Unpaired_escaped_surrogates_are_400_not_500(string body)
    {
        // Found by bench/faults: the JSON reader throws InvalidOperationException (not JsonException) for these.
        var id = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(id);
        await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{id}/crossings", Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_ordinary_text()
    {
        var id = await app.RegisterTravellerAsync();
        var response = await app.Http.PostAsync($"/travellers/{id}/incidents",
            Json("""{ "incidentId": "i1", "jurisdiction": "FR", "date": "2025-01-01", "category": "arrest", "source": "police", "description": "smile \ud83d\ude00" }"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_NUL_in_a_name_is_400_and_the_name_is_never_logged()
    {
        const string name = "Qwertzuiopas";
        var response = await app.Http.PostAsync("/travellers", Json($$"""{ "nationalities": ["US"], "familyName": "{{name}}\u0000" }"""));
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.DoesNotContain(app.Messages, m => m.Contains(name));
    }

    [Fact]
    public async Task Free_text_keeps_its_line_breaks_but_not_other_control_characters()
    {
        var id = await app.RegisterTravellerAsync();
        var ok = await app.Http.PostAsync($"/travellers/{id}/incidents",
            Json("""{ "incidentId": "i1", "jurisdiction": "FR", "date": "2025-01-01", "category": "arrest", "source": "police", "description": "line one\nline two\ttabbed" }"""));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{id}/incidents",
            Json("""{ "incidentId": "i2", "jurisdiction": "FR", "date": "2025-01-01", "category": "arrest", "source": "police", "description": "bell\u0007" }""")),
            HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("POST", "/crossings")]
    [InlineData("GET", "/status")]
    [InlineData("GET", "")]
    public async Task The_all_zero_traveller_id_is_an_unknown_traveller(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/travellers/{Guid.Empty}{path}");
        if (method == "POST") request.Content = JsonContent.Create(new { crossingId = "c", direction = "entry", country = "FR", date = "2025-01-01" });
        await Problem.AssertAsync(await app.Http.SendAsync(request), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("medium,high")]
    [InlineData("3")]
    [InlineData("Medium, High")]
    public async Task Enums_take_one_named_value(string severity)
    {
        var id = await app.RegisterTravellerAsync();
        var body = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/incidents",
            new { incidentId = "i", jurisdiction = "FR", date = "2025-01-01", category = "arrest", severity, source = "police" }), HttpStatusCode.BadRequest);
        Assert.Contains("severity", body.GetProperty("detail").GetString());
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
    }

    [Fact]
    public async Task Names_documents_and_nationalities_have_maximum_sizes()
    {
        await Problem.AssertAsync(await app.PostAsync("/travellers", new { nationalities = new[] { "US" }, familyName = new string('a', 201) }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync("/travellers", new
        {
            nationalities = new[] { "US" },
            documents = Enumerable.Range(0, 11).Select(i => new { type = "passport", number = $"N{i}", issuingCountry = "US" }),
        }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync("/travellers", new
        {
            nationalities = new[] { "US", "GB", "FR", "DE", "IT", "ES", "PT", "NL", "BE", "AT", "IE" },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync("/travellers", new { nationalities = new[] { "US" }, familyName = new string('a', 200) })).StatusCode);
    }

    [Fact]
    public async Task A_refusal_quotes_at_most_a_little_of_a_huge_value()
    {
        var id = await app.RegisterTravellerAsync();
        var body = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/crossings",
            new { crossingId = "c", direction = "entry", country = "FR", date = new string('9', 100_000) }), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("detail").GetString()!.Length < 200);
    }
}
