using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.ApiDocument;

/// <summary>
/// Every 201 names its record the same way: <c>id</c> in the body (the record's own id, as the client gave it or the
/// ledger made it) and a <c>Location</c> header. A crossing's answer keeps <c>crossingId</c> beside <c>id</c> for
/// clients written before; a resend answers 200 with the same id.
/// </summary>
public class CreatedAnswerTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static async Task<string> CreatedIdAsync(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.Location is not null, $"{what}: 201 without a Location header");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String, $"{what}: 201 without an id: {body}");
        return id.GetString()!;
    }

    [Fact]
    public async Task Every_write_answers_201_with_the_records_id_and_a_location()
    {
        var traveller = await CreatedIdAsync(await app.PostAsync("/travellers", new { nationalities = new[] { "IN" } }), "register");
        var t = Guid.Parse(traveller);

        var crossing = await app.PostAsync($"/travellers/{t}/crossings", new { crossingId = "cdg-in", direction = "entry", country = "FR", date = app.DaysAgo(10) });
        Assert.Equal($"/travellers/{t}/crossings/cdg-in", crossing.Headers.Location?.ToString());
        var crossingBody = JsonDocument.Parse(await crossing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cdg-in", await CreatedIdAsync(crossing, "crossing"));
        Assert.Equal("cdg-in", crossingBody.GetProperty("crossingId").GetString());

        Assert.Equal("cdg-in", await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/crossings/cdg-in/corrections", new { action = "void", reason = "recorded twice" }), "void"));
        Assert.Equal("bp-1", await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/evidence",
            new { evidenceId = "bp-1", kind = "boardingPass", presentIn = "FR", first = app.DaysAgo(5), last = app.DaysAgo(5), source = "airline" }), "evidence"));
        Assert.Equal("fr-rp", await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/permits",
            new { permitId = "fr-rp", country = "FR", kind = "residencePermit", first = "2025-01-01", last = "2025-12-31" }), "permit"));
        Assert.Equal("fr-app", await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/visas/applications", new { applicationId = "fr-app", state = "FR", type = "C", date = "2025-01-01" }), "application"));
        Assert.Equal("fr-app", await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/visas/refusals",
            new { applicationId = "fr-app", state = "FR", date = "2025-01-05", ground = "insufficient means of subsistence" }), "refusal"));
        Assert.Equal("I1", await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/incidents",
            new { incidentId = "I1", jurisdiction = "FR", date = "2025-02-01", category = "policeReport", source = "police" }), "incident"));
        Assert.True(Guid.TryParse(await CreatedIdAsync(await app.PostAsync("/groups", new { name = "household", members = new[] { t } }), "group"), out _));
        Assert.True(Guid.TryParse(await CreatedIdAsync(await app.PostAsync("/webhooks", new { url = "http://127.0.0.1:9/hook", secret = "0123456789abcdef0123" }), "webhook"), out _));
    }

    [Fact]
    public async Task A_resent_crossing_answers_200_with_the_same_id()
    {
        var t = await app.RegisterTravellerAsync("IN");
        var body = new { crossingId = "again", direction = "entry", country = "FR", date = app.DaysAgo(3) };
        await CreatedIdAsync(await app.PostAsync($"/travellers/{t}/crossings", body), "first");
        var resent = await app.PostAsync($"/travellers/{t}/crossings", body);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var answer = JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("again", answer.GetProperty("id").GetString());
        Assert.True(answer.GetProperty("alreadyRecorded").GetBoolean());
    }
}
