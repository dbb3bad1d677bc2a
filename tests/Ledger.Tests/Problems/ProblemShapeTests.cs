using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Ledger.Tests.Problems;

/// <summary>
/// Every refusal has one shape (RFC 9457: type, title, status, detail; errors by field where there are any), whatever
/// refused it: a body that is not JSON, a method the route does not take, a body over the limit, a path id that is
/// not a record id, an impossible date. And a client's mistake is never logged as an error or with a stack trace.
/// </summary>
public class ProblemShapeTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Sends, asserts the problem's shape and status, and that the request logged no error and no exception.</summary>
    private async Task<JsonElement> RefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status)
    {
        var before = app.Entries.Count;
        var response = await send();
        var problem = await Problem.AssertAsync(response, status);
        foreach (var field in new[] { "type", "title", "detail" })
            Assert.True(problem.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0,
                $"the {(int)status} problem has no {field}: {problem}");
        var logged = app.Entries.Skip(before).Where(e => e.Level >= LogLevel.Error || e.Exception is not null).ToList();
        Assert.True(logged.Count == 0, $"a client error was logged as an error or with an exception: {string.Join(" | ", logged.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}"))}");
        return problem;
    }

    [Theory]
    [InlineData("""{ "crossingId": "a", "direction": "entry", "country": "FR", "date": """)]
    [InlineData("""{ "crossingId": "a", "direction": "entry" """)]
    [InlineData("""{ crossingId: a }""")]
    [InlineData("""{ "crossingId": "a",, }""")]
    public async Task Malformed_or_cut_short_json_is_a_400_problem_saying_where_without_the_parsers_text(string body)
    {
        var id = await app.RegisterTravellerAsync();
        var problem = await RefusedAsync(() => app.Http.PostAsync($"/travellers/{id}/crossings", Json(body)), HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("the request body is not valid JSON (line 1, byte ", detail);
        Assert.DoesNotContain("Path:", detail);
        Assert.DoesNotContain("BytePositionInLine", detail);
        Assert.Equal(1, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Cut_short_json_on_a_route_without_a_typed_body_is_the_same_problem()
    {
        var problem = await RefusedAsync(() => app.Http.PostAsync("/travellers/search", Json("""{ "familyName": "Ex""")), HttpStatusCode.BadRequest);
        Assert.StartsWith("the request body is not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_a_405_problem_naming_the_methods_it_takes()
    {
        var id = await app.RegisterTravellerAsync();
        var problem = await RefusedAsync(() => app.Http.DeleteAsync($"/travellers/{id}/crossings"), HttpStatusCode.MethodNotAllowed);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("DELETE is not accepted here", detail);
        Assert.Contains("GET", detail);
        Assert.Contains("POST", detail);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_stating_the_limit_in_bytes()
    {
        var id = await app.RegisterTravellerAsync();
        var big = "{ \"crossingId\": \"a\", \"direction\": \"entry\", \"country\": \"FR\", \"date\": \"2025-01-01\", \"borderPoint\": \"" + new string('x', 1024 * 1024 + 10) + "\" }";
        // Expect: 100-continue, as a careful client sends a large body: the service refuses on the declared length, and the
        // client does not race to write a body the server has already turned down (a broken pipe on a loaded machine).
        var problem = await RefusedAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/travellers/{id}/crossings") { Content = Json(big) };
            request.Headers.ExpectContinue = true;
            return app.Http.SendAsync(request);
        }, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("the request body is larger than this route accepts: at most 1048576 bytes", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await app.StreamVersionAsync(id));
    }

    [Theory]
    [InlineData("GET", "/travellers/not-an-id/status")]
    [InlineData("GET", "/travellers/12345/crossings")]
    [InlineData("POST", "/travellers/not-an-id/crossings")]
    [InlineData("GET", "/groups/not-an-id")]
    [InlineData("DELETE", "/webhooks/not-an-id")]
    public async Task A_path_id_that_is_not_a_record_id_is_a_404_problem_saying_so(string method, string path)
    {
        var request = () => new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? Json("""{ "crossingId": "a", "direction": "entry", "country": "FR", "date": "2025-01-01" }""") : null,
        };
        var problem = await RefusedAsync(() => app.Http.SendAsync(request()), HttpStatusCode.NotFound);
        Assert.Contains("in the path is not a record id", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_traveller_is_a_404_problem_in_the_same_shape()
    {
        var problem = await RefusedAsync(() => app.Http.GetAsync($"/travellers/{Guid.NewGuid()}/status"), HttpStatusCode.NotFound);
        Assert.Contains("is not registered", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2025-13-01")]
    [InlineData("2023-02-29")]
    public async Task An_impossible_date_in_a_body_says_it_is_not_a_day_of_the_calendar(string date)
    {
        var id = await app.RegisterTravellerAsync();
        var problem = await RefusedAsync(() => app.Http.PostAsync($"/travellers/{id}/crossings",
            Json($$"""{ "crossingId": "a", "direction": "entry", "country": "FR", "date": "{{date}}" }""")), HttpStatusCode.BadRequest);
        Assert.Equal($"date {date} is not a day of the calendar", Assert.Single(problem.GetProperty("errors").GetProperty("date").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task An_impossible_date_in_a_query_says_so_and_a_wrong_form_names_the_form()
    {
        var id = await app.RegisterTravellerAsync();
        var impossible = await RefusedAsync(() => app.Http.GetAsync($"/travellers/{id}/status?on=2026-02-30"), HttpStatusCode.BadRequest);
        Assert.Equal("on 2026-02-30 is not a day of the calendar", impossible.GetProperty("detail").GetString());
        var wrongForm = await RefusedAsync(() => app.Http.GetAsync($"/travellers/{id}/status?on=30.02.2026"), HttpStatusCode.BadRequest);
        Assert.Equal("on '30.02.2026' is not an ISO date, yyyy-MM-dd", wrongForm.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task No_token_and_no_right_are_problems_in_the_same_shape()
    {
        await RefusedAsync(() => app.Anonymous().GetAsync("/alerts"), HttpStatusCode.Unauthorized);
        await RefusedAsync(() => app.ClientAs([], subject: "nobody").GetAsync("/alerts"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_field_problem_carries_errors_by_field_and_the_same_fields()
    {
        var id = await app.RegisterTravellerAsync();
        var problem = await RefusedAsync(() => app.Http.PostAsJsonAsync($"/travellers/{id}/crossings", new { direction = "sideways" }), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("crossingId", out _));
        Assert.True(errors.TryGetProperty("direction", out _));
    }
}
