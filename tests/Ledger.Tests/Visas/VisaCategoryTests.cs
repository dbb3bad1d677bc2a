using System.Net;
using System.Text.Json;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Visas;

/// <summary>Visa types are each state's own categories (visa-categories.json), and streams from before still load.</summary>
public class VisaCategoryTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_states_categories_are_listed_with_code_name_kind_and_citation()
    {
        var us = await app.GetJsonAsync("/visa-categories?state=US");
        var codes = us.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(["B1/B2", "F-1", "J-1", "H-1B", "IV", "LPR"], codes);
        var lpr = us.GetProperty("categories")[5];
        Assert.Equal("permanentResidence", lpr.GetProperty("kind").GetString());
        Assert.Contains("1101(a)(20)", lpr.GetProperty("citation").GetString());
        var fr = await app.GetJsonAsync("/visa-categories?state=FR");
        Assert.Equal("schengen", fr.GetProperty("issuer").GetString());
        Assert.Equal(["A", "C", "D"], fr.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()));

        await Problem.AssertAsync(await app.Http.GetAsync("/visa-categories?state=JP"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.Http.GetAsync("/visa-categories?state=usa"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.GetAsync("/visa-categories"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/visa-categories?state=US")).StatusCode);
    }

    [Fact]
    public async Task The_type_is_a_category_of_the_state_in_any_case_and_anything_else_is_a_400_listing_the_codes()
    {
        var id = await app.RegisterTravellerAsync("IN");
        var version = await app.StreamVersionAsync(id);
        var wrong = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "us-1", state = "US", type = "C", date = "2025-01-01" }), HttpStatusCode.BadRequest);
        Assert.Contains("B1/B2, F-1, J-1, H-1B, IV, LPR", wrong.GetProperty("errors").GetProperty("type")[0].GetString());
        var missing = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "au-1", state = "AU", date = "2025-01-01" }), HttpStatusCode.BadRequest);
        Assert.Contains("type is missing", missing.GetProperty("detail").GetString());
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "JP-1", issuingState = "JP", type = "tourist", entries = "single", validFrom = "2025-01-01", validUntil = "2025-01-31", durationDays = 30, issuedOn = "2024-12-01",
        }), HttpStatusCode.BadRequest);
        Assert.Equal(version, await app.StreamVersionAsync(id));

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "us-1", state = "US", type = "b1/b2", date = "2025-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "au-pr", state = "AU", type = "820/801", date = "2025-02-01" })).StatusCode);
        // Schengen clients that send no type keep getting a C application.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "fr-1", state = "FR", date = "2025-03-01" })).StatusCode);
        var book = await app.GetJsonAsync($"/travellers/{id}/visas");
        Assert.Equal(["B1/B2", "820/801", "C"], book.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("type").GetString()));
        // The same application again, in another case, is the same application.
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "us-1", state = "US", type = "B1/b2", date = "2025-01-01" })).StatusCode);
    }

    [Fact]
    public async Task Streams_and_snapshots_written_when_the_type_was_an_enum_still_load()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "A1", state = "IT", type = "D", date = "2024-12-01" })).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "V1", applicationId = "A1", issuingState = "IT", type = "D", entries = "multiple", validFrom = "2025-01-01", validUntil = "2025-12-31", durationDays = 365, issuedOn = "2024-12-15",
        })).EnsureSuccessStatusCode();

        // Rewrite what was stored into the old shape: the enum VisaType { A, C, D } as Marten wrote it, a number (D = 2).
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            const string oldShape = """regexp_replace(data::text, '"([Tt])ype": "D"', '"\1ype": 2', 'g')::jsonb""";
            await using var events = new NpgsqlCommand($"update ledger.mt_events set data = {oldShape} where stream_id = @id", connection);
            events.Parameters.AddWithValue("id", id);
            Assert.Equal(3, await events.ExecuteNonQueryAsync());
            await using var snapshot = new NpgsqlCommand($"update ledger.mt_doc_traveller set data = {oldShape} where id = @id", connection);
            snapshot.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await snapshot.ExecuteNonQueryAsync());
            await using var check = new NpgsqlCommand("select count(*) from ledger.mt_events where stream_id = @id and data::text like '%ype\": 2%'", connection);
            check.Parameters.AddWithValue("id", id);
            Assert.Equal(2L, await check.ExecuteScalarAsync());
        }

        var now = await app.GetJsonAsync($"/travellers/{id}/visas?on=2025-06-01");
        Assert.Equal("D", now.GetProperty("visas")[0].GetProperty("type").GetString());
        Assert.Equal("longStay", now.GetProperty("visas")[0].GetProperty("kind").GetString());
        Assert.Equal("D", now.GetProperty("applications")[0].GetProperty("type").GetString());
        var replayed = await app.GetJsonAsync($"/travellers/{id}/visas?on=2025-06-01&asKnownAt={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");
        Assert.Equal("D", replayed.GetProperty("visas")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/travellers/{id}/events")).StatusCode);
        // Still a long-stay visa: it still acts as a permit, and new facts append to the old stream.
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/V1/extensions",
            new { validUntil = "2026-03-31", durationDays = 455, date = "2025-06-01", reason = "course extended" })).StatusCode);
        Assert.Equal("2026-03-31", (await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("visas")[0].GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task A_visas_status_is_derived_on_the_day_asked()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "V1", issuingState = "FR", type = "C", entries = "single", validFrom = "2021-01-01", validUntil = "2021-06-30", durationDays = 90, issuedOn = "2020-12-15",
        })).EnsureSuccessStatusCode();
        JsonElement Visa(JsonElement book) => book.GetProperty("visas")[0];
        Assert.Equal("expired", Visa(await app.GetJsonAsync($"/travellers/{id}/visas")).GetProperty("status").GetString());
        Assert.Equal("notYetValid", Visa(await app.GetJsonAsync($"/travellers/{id}/visas?on=2020-12-31")).GetProperty("status").GetString());
        Assert.Equal("valid", Visa(await app.GetJsonAsync($"/travellers/{id}/visas?on=2021-01-01")).GetProperty("status").GetString());
        (await app.RecordCrossingAsync(id, "in", "entry", "ES", "2021-02-01")).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", "2021-02-10")).EnsureSuccessStatusCode();
        Assert.Equal("valid", Visa(await app.GetJsonAsync($"/travellers/{id}/visas?on=2021-02-10")).GetProperty("status").GetString());
        var used = Visa(await app.GetJsonAsync($"/travellers/{id}/visas?on=2021-02-11"));
        Assert.Equal(("entriesUsed", 1, 1), (used.GetProperty("status").GetString(), used.GetProperty("entriesUsed").GetInt32(), used.GetProperty("entriesAllowed").GetInt32()));
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/visas?on=2021-02-30"), HttpStatusCode.BadRequest);
    }
}
