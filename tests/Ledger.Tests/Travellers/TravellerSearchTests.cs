using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Travellers;

/// <summary>Finding a traveller again without the id: through the blind index, exact match, caseworkers only.</summary>
public class TravellerSearchTests(CapturedLogsApp app) : IClassFixture<CapturedLogsApp>
{
    private async Task<Guid> RegisterAsync(string familyName, string born, params (string Number, string Country)[] documents)
    {
        var response = await app.Http.PostAsJsonAsync("/travellers", new
        {
            nationalities = new[] { "NZ" }, givenNames = "Aroha", familyName, dateOfBirth = born,
            documents = documents.Select(d => new { type = "passport", number = d.Number, issuingCountry = d.Country }).ToArray(),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The search's body, written here as "field=value&amp;..." for short: the values travel in the body.</summary>
    private static Dictionary<string, string> Body(string fields) => fields.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    private Task<HttpResponseMessage> SearchAsync(HttpClient client, string fields) => client.PostAsJsonAsync("/travellers/search", Body(fields));

    private async Task<IReadOnlyList<Guid>> FindAsync(string fields)
    {
        var response = await SearchAsync(app.Http, fields);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"search: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var found = await response.Content.ReadFromJsonAsync<JsonElement>();
        return found.GetProperty("travellers").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task A_traveller_is_found_by_document_or_by_name_and_birth_date_and_not_after_erasure()
    {
        var id = await RegisterAsync("Ngata-Whaanga", "1988-02-29", ("LA 123-456", "NZ"), ("E7734561", "GB"));
        var other = await RegisterAsync("Ngata-Whaanga", "1990-01-01", ("LB999999", "NZ"));

        // The number as printed or as typed; the issuing country is part of the key.
        Assert.Equal([id], await FindAsync("document=la123456&issuingCountry=NZ"));
        Assert.Equal([id], await FindAsync("document=E7734561&issuingCountry=GB"));
        Assert.Empty(await FindAsync("document=E7734561&issuingCountry=AU"));
        // Name and date of birth together (case and spacing do not matter; the date does).
        Assert.Equal([id], await FindAsync("familyName=%20ngata-WHAANGA&dateOfBirth=1988-02-29"));
        Assert.Equal([other], await FindAsync("familyName=Ngata-Whaanga&dateOfBirth=1990-01-01"));
        Assert.Empty(await FindAsync("familyName=Ngata&dateOfBirth=1988-02-29"));

        // The index holds digests, not the values.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var dump = new NpgsqlCommand("SELECT string_agg(data::text, ' ') FROM ledger.mt_doc_travellersearchkey", connection);
            var table = (string)(await dump.ExecuteScalarAsync())!;
            Assert.DoesNotContain("123456", table);
            Assert.DoesNotContain("whaanga", table, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/travellers/{id}/identity")).StatusCode);
        Assert.Empty(await FindAsync("document=LA123456&issuingCountry=NZ"));
        Assert.Empty(await FindAsync("familyName=Ngata-Whaanga&dateOfBirth=1988-02-29"));
        Assert.Equal([other], await FindAsync("document=LB999999&issuingCountry=NZ"));
    }

    [Fact]
    public async Task The_values_searched_for_never_reach_the_logs()
    {
        await RegisterAsync("Quillfeather", "1971-07-07", ("QZ8800771", "CA"));
        Assert.Single(await FindAsync("document=QZ8800771&issuingCountry=CA"));
        Assert.Single(await FindAsync("familyName=Quillfeather&dateOfBirth=1971-07-07"));
        await SearchAsync(app.Http, "document=QZ8800771&issuingCountry=XX"); // refused: not in the logs either
        Assert.NotEmpty(app.Messages);
        Assert.DoesNotContain(app.Messages, m => m.Contains("QZ8800771") || m.Contains("Quillfeather", StringComparison.OrdinalIgnoreCase) || m.Contains("1971-07-07"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("document=X1")]
    [InlineData("issuingCountry=NZ")]
    [InlineData("document=X1&issuingCountry=ZZ")]
    [InlineData("familyName=Smith")]
    [InlineData("familyName=Smith&dateOfBirth=1990-13-01")]
    [InlineData("document=X1&issuingCountry=NZ&familyName=Smith&dateOfBirth=1990-01-01")]
    public async Task Incomplete_or_mixed_searches_are_400_without_echoing_the_values(string query)
    {
        var problem = await Problem.AssertAsync(await SearchAsync(app.Http, query), HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Smith", problem.GetRawText());
        Assert.DoesNotContain("X1", problem.GetRawText());
    }

    [Theory]
    [InlineData(Role.Recorder)]
    [InlineData(Role.Partner)]
    [InlineData(Role.Traveller)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Admin)]
    public async Task Only_caseworkers_may_search(Role role)
    {
        using var client = app.ClientAs([role], ["NZ"], role == Role.Traveller ? Guid.NewGuid() : null);
        await Problem.AssertAsync(await SearchAsync(client, "document=LA123456&issuingCountry=NZ"), HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The search once took its values in the query string (<c>GET /travellers?document=...</c>), where they end up in
    /// browser history and server and proxy logs. That route is gone: asking it finds nobody.
    /// </summary>
    [Fact]
    public async Task The_query_string_search_is_gone()
    {
        await RegisterAsync("Oddfellow", "1966-06-06", ("QS4400221", "NZ"));
        var response = await app.Http.GetAsync("/travellers?document=QS4400221&issuingCountry=NZ");
        var problem = await Problem.AssertAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.False(problem.TryGetProperty("travellers", out _));
    }
}
