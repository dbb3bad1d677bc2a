using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Screening;

/// <summary>
/// Request models are typed: every problem of a request is reported at once, by field (validation problem details),
/// a missing field is called missing, enums take one named value, and nothing is stored.
/// </summary>
public class TypedRequestTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    [Fact]
    public async Task Every_problem_of_a_crossing_is_reported_at_once_by_field_and_nothing_is_stored()
    {
        var id = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(id);
        var errors = await ErrorsAsync(await app.Http.PostAsync($"/travellers/{id}/crossings",
            Json("""{ "direction": "sideways", "date": "2025-13-01", "time": "25:00", "source": 3 }""")));

        Assert.Equal(["country", "crossingId", "date", "direction", "source", "time"], errors.Keys.Order());
        Assert.Equal("crossingId is missing", Assert.Single(errors["crossingId"]));
        Assert.StartsWith("country is missing", Assert.Single(errors["country"]));
        Assert.Equal("date 2025-13-01 is not a day of the calendar", Assert.Single(errors["date"]));
        Assert.Equal("direction 'sideways' is not one of: entry, exit", Assert.Single(errors["direction"]));
        Assert.Contains("not one of", Assert.Single(errors["source"]));
        Assert.Contains("not a time of day", Assert.Single(errors["time"]));
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_missing_date_is_called_missing_and_says_the_form_it_takes()
    {
        var id = await app.RegisterTravellerAsync();
        var errors = await ErrorsAsync(await app.Http.PostAsync($"/travellers/{id}/crossings",
            Json("""{ "crossingId": "c1", "direction": "entry", "country": "FR" }""")));
        Assert.Equal("date is missing (an ISO date, yyyy-MM-dd)", Assert.Single(Assert.Single(errors).Value));
    }

    [Theory]
    [InlineData("\"medium,high\"")]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("\"\"")]
    public async Task Enums_take_one_named_value_only(string severity)
    {
        var id = await app.RegisterTravellerAsync();
        var errors = await ErrorsAsync(await app.Http.PostAsync($"/travellers/{id}/incidents", Json($$"""
            { "incidentId": "i1", "jurisdiction": "FR", "date": "2025-01-01", "category": "arrest", "severity": {{severity}}, "source": "police" }
            """)));
        Assert.Equal(["severity"], errors.Keys);
    }

    [Fact]
    public async Task Domain_rules_are_reported_by_field_too()
    {
        var id = await app.RegisterTravellerAsync();
        var errors = await ErrorsAsync(await app.Http.PostAsync($"/travellers/{id}/crossings",
            Json("""{ "crossingId": "c1", "direction": "entry", "country": "XX", "date": "2025-01-01", "timeZone": "Mars/Olympus" }""")));
        Assert.Equal(["country", "timeZone"], errors.Keys.Order());
    }

    [Fact]
    public async Task Nested_lists_are_checked_item_by_item_with_their_path()
    {
        var errors = await ErrorsAsync(await app.Http.PostAsync("/travellers", Json("""
            { "nationalities": ["FR", 7], "documents": [{ "type": "passport", "issuingCountry": "FR" }, null] }
            """)));
        Assert.Equal(["documents[0].number", "documents[1]", "nationalities[1]"], errors.Keys.Order());
    }

    [Fact]
    public async Task Limits_are_enforced_before_anything_is_stored()
    {
        var id = await app.RegisterTravellerAsync();
        var errors = await ErrorsAsync(await app.Http.PostAsync($"/travellers/{id}/crossings", Json($$"""
            { "crossingId": "{{new string('x', 101)}}", "direction": "entry", "country": "FR", "date": "2025-01-01" }
            """)));
        Assert.Equal("crossingId is longer than 100 characters", Assert.Single(errors["crossingId"]));

        var tooMany = string.Join(",", Enumerable.Repeat("\"FR\"", 11));
        errors = await ErrorsAsync(await app.Http.PostAsync("/travellers", Json($$"""{ "nationalities": [{{tooMany}}] }""")));
        Assert.Equal("nationalities: at most 10 items", Assert.Single(errors["nationalities"]));
    }

    [Fact]
    public async Task A_well_typed_request_still_binds_names_in_any_case()
    {
        var id = await app.RegisterTravellerAsync();
        var response = await app.Http.PostAsync($"/travellers/{id}/crossings",
            Json("""{ "CrossingId": "c-case", "Direction": "Entry", "country": "FR", "date": "2025-01-01", "time": "08:30", "timeZone": "Europe/Paris" }"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("text/json")]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    public async Task A_typed_route_refuses_a_body_it_cannot_check_whatever_the_content_type(string contentType)
    {
        var id = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(id);
        foreach (var body in new[] { "{}", "null" })
        {
            var response = await app.Http.PostAsync($"/travellers/{id}/incidents", new StringContent(body, Encoding.UTF8, contentType));
            // Routing refuses a content type the route does not accept (415); a body that reaches the route is screened (400).
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType });
        }
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_repeated_key_is_refused_rather_than_bound_from_its_unchecked_copy()
    {
        var id = await app.RegisterTravellerAsync();
        var errors = await ErrorsAsync(await app.Http.PostAsync($"/travellers/{id}/crossings",
            Json("""{ "crossingId": "c1", "direction": "entry", "country": "FR", "date": "2025-01-01", "Date": null }""")));
        Assert.Equal("Date appears more than once", Assert.Single(errors["Date"]));
    }
}
