using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Retention;

/// <summary>
/// The sweep on a real PostgreSQL, with dates relative to today: what the EES policies erase goes from every answer
/// and every live row, what they do not cover stays, an overstayer's holder is told once before, and nothing erased
/// comes back.
/// </summary>
public class RetentionSweepTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private Task<HttpResponseMessage> CrossAsync(Guid traveller, string crossingId, string direction, DateOnly date, string borderPoint, string source = "borderSystem") =>
        app.Http.PostAsJsonAsync($"/travellers/{traveller}/crossings",
            new { crossingId, direction, country = "FR", date = date.ToString("yyyy-MM-dd"), borderPoint, source });

    private async Task<JsonElement> SweepAsync()
    {
        var response = await app.Http.PostAsync("/retention/sweeps", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_third_country_nationals_stay_over_3_years_old_is_erased_everywhere_and_cannot_come_back()
    {
        var id = await app.RegisterTravellerAsync("US");
        var unique = $"Gate-{Guid.NewGuid():N}";
        var oldExit = Today.AddYears(-3).AddDays(-10);
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "old-in", "entry", oldExit.AddDays(-30), unique)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "old-out", "exit", oldExit, unique)).StatusCode);
        // The same age, self-reported: kept until the traveller erases it.
        var selfOut = oldExit.AddDays(-40);
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "self-in", "entry", selfOut.AddDays(-20), "self-said", "selfReported")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "self-out", "exit", selfOut, "self-said", "selfReported")).StatusCode);
        // Last year's stay: kept.
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "new-in", "entry", Today.AddYears(-1).AddDays(-10), "CDG")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "new-out", "exit", Today.AddYears(-1), "CDG")).StatusCode);
        Assert.Contains(unique, await app.Http.GetStringAsync($"/travellers/{id}/crossings"));
        var usedBefore = await app.SchengenDaysUsedAsync(id, oldExit.ToString("yyyy-MM-dd"));
        Assert.True(usedBefore >= 31, $"{usedBefore} days used on the old exit day before the sweep");
        await Task.Delay(1100);
        var beforeSweep = DateTimeOffset.UtcNow;
        await Task.Delay(1100);

        var swept = await SweepAsync();
        Assert.True(swept.GetProperty("recordsErased").GetInt32() >= 2, swept.ToString());

        // Every answer lacks the erased stay: crossings, status (also as known before the sweep), compliance (JSON and
        // CSV), events, shared records, the history summary, the access log, alerts.
        var crossings = await app.Http.GetStringAsync($"/travellers/{id}/crossings");
        Assert.DoesNotContain("old-in", crossings);
        Assert.DoesNotContain("old-out", crossings);
        Assert.Contains("self-in", crossings);
        Assert.Contains("new-out", crossings);
        Assert.Equal(0, await app.SchengenDaysUsedAsync(id, oldExit.ToString("yyyy-MM-dd")) - DaysOfSelfReported(oldExit, selfOut));
        var asKnown = await app.GetJsonAsync($"/travellers/{id}/status?regime=all&on={oldExit:yyyy-MM-dd}&asKnownAt={Uri.EscapeDataString(beforeSweep.ToString("O"))}");
        var schengen = asKnown.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen");
        Assert.Equal(DaysOfSelfReported(oldExit, selfOut), schengen.GetProperty("daysUsed").GetInt32());
        foreach (var path in new[]
        {
            $"/travellers/{id}/events", $"/travellers/{id}/shared-records?requester=DE", $"/travellers/{id}/history-summary",
            $"/travellers/{id}/access-log", $"/alerts?traveller={id}", $"/travellers/{id}",
            $"/travellers/{id}/compliance?from={oldExit.AddDays(-60):yyyy-MM-dd}&to={oldExit.AddDays(10):yyyy-MM-dd}",
            $"/travellers/{id}/status?asKnownAt={Uri.EscapeDataString(beforeSweep.ToString("O"))}",
        })
        {
            var body = await app.Http.GetStringAsync(path);
            Assert.DoesNotContain(unique, body);
            Assert.DoesNotContain("old-out", body);
        }
        var csv = new HttpRequestMessage(HttpMethod.Get, $"/travellers/{id}/compliance?from={oldExit.AddDays(-60):yyyy-MM-dd}&to={oldExit:yyyy-MM-dd}");
        csv.Headers.Accept.ParseAdd("text/csv");
        var csvBody = await (await app.Http.SendAsync(csv)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(unique, csvBody);

        // No live row of any table holds the border point (a plain pg_dump of the whole database, bytea included).
        var dump = await DumpAsync();
        Assert.DoesNotContain(unique, dump);
        Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(unique)), dump);
        Assert.Contains("CDG", dump); // the dump is real: what stays is in it

        // A resend of an erased id is refused (410, naming the policy) and records nothing; a batch too.
        var gone = await Problem.AssertAsync(await CrossAsync(id, "old-out", "exit", oldExit, unique), HttpStatusCode.Gone);
        Assert.Equal("ees-art34-1", gone.GetProperty("policyId").GetString());
        await Problem.AssertAsync(await app.Http.PostAsJsonAsync($"/travellers/{id}/crossings/batch", new
        {
            crossings = new[] { new { crossingId = "old-in", direction = "entry", country = "FR", date = oldExit.AddDays(-30).ToString("yyyy-MM-dd"), borderPoint = unique } },
        }), HttpStatusCode.Gone);
        Assert.DoesNotContain("old-out", await app.Http.GetStringAsync($"/travellers/{id}/crossings"));

        // What remains is a fact without content, for auditors and admins.
        var erasures = await app.GetJsonAsync($"/travellers/{id}/erasures");
        var fact = Assert.Single(erasures.GetProperty("erasures").EnumerateArray());
        Assert.Equal("ees-art34-1", fact.GetProperty("policyId").GetString());
        Assert.Equal("crossings", fact.GetProperty("recordKind").GetString());
        Assert.Equal(2, fact.GetProperty("count").GetInt32());
        Assert.False(erasures.GetProperty("fileErased").GetBoolean());
        await Problem.AssertAsync(await app.ClientAs([Role.Caseworker], ["FR"]).GetAsync($"/travellers/{id}/erasures"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await app.ClientAs([Role.Caseworker], ["FR"]).PostAsync("/retention/sweeps", null), HttpStatusCode.Forbidden);

        // A second sweep finds nothing more of this traveller.
        await SweepAsync();
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/erasures")).GetProperty("erasures").EnumerateArray());
    }

    /// <summary>The self-reported stay's days inside the 180-day window ending on <paramref name="on"/>.</summary>
    private static int DaysOfSelfReported(DateOnly on, DateOnly selfOut)
    {
        var windowStart = on.AddDays(-179);
        var first = selfOut.AddDays(-20) > windowStart ? selfOut.AddDays(-20) : windowStart;
        return selfOut < windowStart ? 0 : selfOut.DayNumber - first.DayNumber + 1;
    }

    [Fact]
    public async Task An_overstayer_under_5_years_gets_one_notice_inside_the_3_months_and_is_not_erased()
    {
        var id = await app.RegisterTravellerAsync("US");
        // Authorised through the 90th day; erased 5 years after that: two months from today.
        var authorisedEnd = Today.AddMonths(2).AddYears(-5);
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "stayed-in", "entry", authorisedEnd.AddDays(-89), "Menton")).StatusCode);

        var first = await SweepAsync();
        Assert.True(first.GetProperty("noticesIssued").GetInt32() >= 1, first.ToString());
        var notices = await NoticesAsync(id, 1);
        var notice = Assert.Single(notices);
        Assert.Equal(id, notice.GetProperty("travellerId").GetGuid());
        var retention = notice.GetProperty("warning").GetProperty("retention");
        Assert.Equal("ees-art34-3", retention.GetProperty("policyId").GetString());
        Assert.Equal(Today.AddMonths(2).ToString("yyyy-MM-dd"), retention.GetProperty("erasureDay").GetString());
        Assert.Equal("FR", retention.GetProperty("holder").GetString());

        await SweepAsync();
        await Task.Delay(1500); // the feed is filled asynchronously: a second notice would show by now
        Assert.Single(await NoticesAsync(id, 1));
        Assert.Contains("stayed-in", await app.Http.GetStringAsync($"/travellers/{id}/crossings"));
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/erasures")).GetProperty("erasures").EnumerateArray());
    }

    private async Task<List<JsonElement>> NoticesAsync(Guid traveller, int atLeast)
    {
        List<JsonElement> notices = [];
        await Eventually.HoldsAsync(async () =>
        {
            notices = (await app.GetJsonAsync($"/alerts?traveller={traveller}")).GetProperty("alerts").EnumerateArray()
                .Where(a => a.GetProperty("type").GetString() == "retentionNotice").ToList();
            return notices.Count >= atLeast;
        }, $"{atLeast} retention notice(s) in the feed");
        return notices;
    }

    [Fact]
    public async Task An_overstayer_over_5_years_is_erased_with_the_identity_and_every_route_then_answers_410()
    {
        var unique = $"Overstay-{Guid.NewGuid():N}";
        var response = await app.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" }, familyName = unique });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await CrossAsync(id, "long-in", "entry", Today.AddYears(-5).AddDays(-100), unique)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/travellers/{id}")).StatusCode);

        var swept = await SweepAsync();
        Assert.True(swept.GetProperty("travellersErased").GetInt32() >= 1, swept.ToString());

        foreach (var path in new[] { "", "/crossings", "/status", "/events", "/history-summary", "/shared-records?requester=DE", "/access-log", "/visas" })
        {
            var gone = await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}{path}"), HttpStatusCode.Gone);
            Assert.Equal("ees-art34-3", gone.GetProperty("policyId").GetString());
        }
        await Problem.AssertAsync(await CrossAsync(id, "long-in", "entry", Today.AddYears(-5).AddDays(-100), unique), HttpStatusCode.Gone);
        var erasures = await app.GetJsonAsync($"/travellers/{id}/erasures");
        Assert.True(erasures.GetProperty("fileErased").GetBoolean());
        Assert.Contains(erasures.GetProperty("erasures").EnumerateArray(), f => f.GetProperty("recordKind").GetString() == "file"
            && f.GetProperty("policyId").GetString() == "ees-art34-3");
        // Without a token: still 401, not 410.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/travellers/{id}")).StatusCode);
        var dump = await DumpAsync();
        Assert.DoesNotContain(unique, dump);
        Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(unique)), dump);
    }

    [Fact]
    public async Task The_policies_are_listed_with_their_citations()
    {
        var policies = await app.GetJsonAsync("/retention-policies");
        var ids = policies.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(["ees-art34-1", "ees-art34-2", "ees-art34-3", "ees-art46"], ids);
        Assert.All(policies.GetProperty("policies").EnumerateArray(), p => Assert.Contains("2017/2226", p.GetProperty("source").GetString()));
        Assert.StartsWith("policy: none set", policies.GetProperty("otherHolders").GetString());
    }

    /// <summary>The whole test database as <c>pg_dump</c> writes it (live rows of every table; bytea as hex).</summary>
    private async Task<string> DumpAsync()
    {
        var c = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var start = new ProcessStartInfo("pg_dump", ["--data-only", "-h", c.Host!, "-p", c.Port.ToString(), "-U", c.Username!, c.Database!])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (c.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await error}");
        return await output;
    }
}
