using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Itineraries;

public class ItineraryCheckTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_stored_record_counts_before_the_legs_and_nothing_is_recorded()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", "2024-01-01")).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", "2024-02-29")).EnsureSuccessStatusCode();
        var version = await app.StreamVersionAsync(id);

        var answer = await Json(await app.PostAsync($"/travellers/{id}/itineraries/check", new
        {
            legs = new[] { new { country = "ES", from = "2024-03-10", to = "2024-04-20" }, new { country = "GB", from = "2024-04-21", to = "2024-04-30" } },
        }));
        var spain = answer.GetProperty("legs")[0];
        Assert.Equal("schengen", spain.GetProperty("rules")[0].GetString());
        Assert.False(spain.GetProperty("lawful").GetBoolean());
        Assert.Equal("2024-04-08", spain.GetProperty("latestLawfulLastDay").GetString());
        Assert.Equal("2024-04-09", spain.GetProperty("firstUnlawfulDay").GetString());
        Assert.Equal(60, spain.GetProperty("daysUsedBefore").GetInt32());
        Assert.Equal(JsonValueKind.Null, spain.GetProperty("coveredBy").ValueKind);
        var britain = answer.GetProperty("legs")[1];
        Assert.Equal("uk-visitor", britain.GetProperty("rules")[0].GetString());
        Assert.True(britain.GetProperty("lawful").GetBoolean());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task An_inline_history_and_visa_answer_for_people_without_a_record()
    {
        var answer = await Json(await app.PostAsync("/itineraries/check", new
        {
            nationality = "CN",
            visas = new[] { new { visaId = "v1", issuingState = "FR", type = "C", entries = "multiple", validFrom = "2025-06-01", validUntil = "2025-09-01", durationDays = 30 } },
            history = new[] { new { entry = "2025-06-01", exit = "2025-06-10", country = "IT" } },
            legs = new[] { new { country = "ES", from = "2025-07-01", to = "2025-07-30" } },
        }));
        var leg = answer.GetProperty("legs")[0];
        Assert.False(leg.GetProperty("lawful").GetBoolean());
        Assert.Equal("durationOfStay", leg.GetProperty("lacking")[0].GetString());
        Assert.Equal("2025-07-20", leg.GetProperty("latestLawfulLastDay").GetString());
    }

    [Fact]
    public async Task Bad_itineraries_are_400_with_every_problem_by_field()
    {
        var problem = await Problem.AssertAsync(await app.PostAsync("/itineraries/check", new
        {
            nationality = "XX",
            history = new[] { new { entry = "2025-06-10", exit = "2025-06-01", country = "IT" } },
            legs = new[] { new { country = "ES", from = "2025-07-30", to = "2025-07-01" } },
        }), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("nationality", out _));
        Assert.True(errors.TryGetProperty("history[0].exit", out _));
        Assert.True(errors.TryGetProperty("legs[0].to", out _));

        await Problem.AssertAsync(await app.PostAsync($"/travellers/{Guid.NewGuid()}/itineraries/check", new
        {
            legs = new[] { new { country = "ES", from = "2025-07-01", to = "2025-07-02" } },
        }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.PostAsync("/itineraries/check", new { nationality = "US", legs = Array.Empty<object>() }), HttpStatusCode.BadRequest);
    }
    [Fact]
    public async Task A_leg_before_today_is_answered_as_past_with_a_note_and_a_leg_ahead_is_not()
    {
        var id = await app.RegisterTravellerAsync("US");
        var answer = await Json(await app.PostAsync($"/travellers/{id}/itineraries/check", new
        {
            legs = new[] { new { country = "ES", from = app.DaysAgo(40), to = app.DaysAgo(35) }, new { country = "PT", from = app.DaysAgo(-10), to = app.DaysAgo(-15) } },
        }));
        var past = answer.GetProperty("legs")[0];
        Assert.True(past.GetProperty("past").GetBoolean());
        Assert.Contains($"this leg lies in the past ({app.DaysAgo(40)} to {app.DaysAgo(35)}, before today, {app.DaysAgo(0)})", past.GetProperty("notes")[0].GetString());
        var ahead = answer.GetProperty("legs")[1];
        Assert.False(ahead.GetProperty("past").GetBoolean());
        Assert.Equal(0, ahead.GetProperty("notes").GetArrayLength());

        // The inline check reads the same clock.
        var inline = await Json(await app.PostAsync("/itineraries/check", new
        {
            nationality = "US", legs = new[] { new { country = "ES", from = app.DaysAgo(3), to = app.DaysAgo(-3) } },
        }));
        Assert.True(inline.GetProperty("legs")[0].GetProperty("past").GetBoolean());
        Assert.Contains($"this leg starts on {app.DaysAgo(3)}, before today", inline.GetProperty("legs")[0].GetProperty("notes")[0].GetString());
    }

    [Fact]
    public async Task A_first_leg_elsewhere_while_the_record_has_an_open_stay_names_that_stay()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();

        var answer = await Json(await app.PostAsync($"/travellers/{id}/itineraries/check", new
        {
            legs = new[] { new { country = "GB", from = app.DaysAgo(-5), to = app.DaysAgo(-9) }, new { country = "IE", from = app.DaysAgo(-10), to = app.DaysAgo(-12) } },
        }));
        var first = answer.GetProperty("legs")[0];
        Assert.False(first.GetProperty("past").GetBoolean());
        var note = Assert.Single(first.GetProperty("notes").EnumerateArray()).GetString()!;
        Assert.StartsWith($"the record shows an open stay in France (FR) since {app.DaysAgo(30)} (no exit recorded); this check counts it as lasting until {app.DaysAgo(-4)}", note);
        Assert.Equal(0, answer.GetProperty("legs")[1].GetProperty("notes").GetArrayLength());

        // A first leg in the country of the open stay continues it: no note.
        var same = await Json(await app.PostAsync($"/travellers/{id}/itineraries/check", new
        {
            legs = new[] { new { country = "FR", from = app.DaysAgo(-1), to = app.DaysAgo(-2) } },
        }));
        Assert.Equal(0, same.GetProperty("legs")[0].GetProperty("notes").GetArrayLength());

        // Once the exit is recorded, the stay is closed and the note goes.
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(1))).EnsureSuccessStatusCode();
        var closed = await Json(await app.PostAsync($"/travellers/{id}/itineraries/check", new
        {
            legs = new[] { new { country = "GB", from = app.DaysAgo(-5), to = app.DaysAgo(-9) } },
        }));
        Assert.Equal(0, closed.GetProperty("legs")[0].GetProperty("notes").GetArrayLength());
    }
}
