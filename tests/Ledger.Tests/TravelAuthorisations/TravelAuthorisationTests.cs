using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Projections.Visas;
using Ledger.Tests.Support;

namespace Ledger.Tests.TravelAuthorisations;

/// <summary>
/// Travel authorisations over HTTP on a real store: schemes, derived validity (term and passport), superseding,
/// refusals and revocations, idempotency and conflicts, rights, the itinerary check, the history summary, and a
/// Canadian eTA stored as a visa before it left the visa categories.
/// </summary>
public class TravelAuthorisationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static object Esta(string id = "E1", string granted = "2025-01-10", string? expires = "2031-01-01", string? validUntil = null, string number = "123456789") =>
        new { authorisationId = id, scheme = "us-esta", documentNumber = number, documentIssuingCountry = "GB", documentExpires = expires, granted, validUntil };

    private async Task<JsonElement> AuthorisationAsync(Guid id, string authorisationId, string on) =>
        (await app.GetJsonAsync($"/travellers/{id}/travel-authorisations?on={on}")).GetProperty("authorisations").EnumerateArray()
            .Single(a => a.GetProperty("authorisationId").GetString() == authorisationId);

    private static string Status(JsonElement a) => a.GetProperty("status").GetString()!;

    [Fact]
    public async Task Schemes_are_listed_per_state_with_term_modes_and_citation_and_ETIAS_has_no_start_date()
    {
        var ca = await app.GetJsonAsync("/travel-authorisation-schemes?state=CA");
        var eta = ca.GetProperty("schemes").EnumerateArray().Single();
        Assert.Equal(("ca-eta", 5, "air"), (eta.GetProperty("id").GetString(), eta.GetProperty("validForYears").GetInt32(), eta.GetProperty("modes")[0].GetString()));
        Assert.Contains("12.05", eta.GetProperty("citation").GetString());
        var fr = await app.GetJsonAsync("/travel-authorisation-schemes?state=FR");
        var etias = fr.GetProperty("schemes").EnumerateArray().Single();
        Assert.Equal(("schengen-etias", JsonValueKind.Null), (etias.GetProperty("id").GetString(), etias.GetProperty("inForceFrom").ValueKind));
        Assert.Equal(7, (await app.GetJsonAsync("/travel-authorisation-schemes")).GetProperty("schemes").GetArrayLength());
        await Problem.AssertAsync(await app.Http.GetAsync("/travel-authorisation-schemes?state=usa"), HttpStatusCode.BadRequest);
        // The eTA is no longer a visa category of Canada.
        var categories = (await app.GetJsonAsync("/visa-categories?state=CA")).GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString());
        Assert.DoesNotContain("ETA", categories);
    }

    [Fact]
    public async Task Validity_is_derived_from_the_term_or_the_passport_whichever_first_unless_the_issuer_gives_it()
    {
        var id = await app.RegisterTravellerAsync("GB");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", Esta())).StatusCode);
        var byTerm = await AuthorisationAsync(id, "E1", "2027-01-09");
        Assert.Equal(("2027-01-09", "valid", false), (byTerm.GetProperty("validUntil").GetString(), Status(byTerm), byTerm.GetProperty("validUntilGiven").GetBoolean()));
        Assert.Equal("123456789", byTerm.GetProperty("documentNumber").GetString());
        Assert.Equal("expired", Status(await AuthorisationAsync(id, "E1", "2027-01-10")));

        var other = await app.RegisterTravellerAsync("GB");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{other}/travel-authorisations", Esta(expires: "2026-03-01"))).StatusCode);
        Assert.Equal("2026-03-01", (await AuthorisationAsync(other, "E1", "2026-03-01")).GetProperty("validUntil").GetString());
        Assert.Equal("expired", Status(await AuthorisationAsync(other, "E1", "2026-03-02")));

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{other}/travel-authorisations", Esta("E9", "2025-02-01", null, "2025-12-31"))).StatusCode);
        var given = await AuthorisationAsync(other, "E9", "2025-06-01");
        Assert.Equal(("2025-12-31", true), (given.GetProperty("validUntil").GetString(), given.GetProperty("validUntilGiven").GetBoolean()));
    }

    [Fact]
    public async Task A_later_grant_supersedes_a_resend_is_a_200_and_other_content_under_the_same_id_a_409()
    {
        var id = await app.RegisterTravellerAsync("GB");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", Esta())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/travel-authorisations", Esta())).StatusCode);
        var version = await app.StreamVersionAsync(id);
        var conflict = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations", Esta(number: "999999999")), HttpStatusCode.Conflict);
        Assert.Contains("documentNumber", conflict.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", Esta("E2", "2025-06-01"))).StatusCode);
        Assert.Equal("valid", Status(await AuthorisationAsync(id, "E1", "2025-05-31")));
        var superseded = await AuthorisationAsync(id, "E1", "2025-06-01");
        Assert.Equal(("superseded", "E2"), (Status(superseded), superseded.GetProperty("supersededBy").GetString()));
    }

    [Fact]
    public async Task Refusals_and_revocations_are_recorded_once_and_contradictions_refused()
    {
        var id = await app.RegisterTravellerAsync("NZ");
        var refusal = new { authorisationId = "R1", scheme = "us-esta", date = "2024-03-01", ground = "ineligible under INA 217(a)" };
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals", refusal)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals", refusal)).StatusCode);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals", refusal with { date = "2024-03-02" }), HttpStatusCode.Conflict);
        Assert.Equal("refused", Status(await AuthorisationAsync(id, "R1", "2024-06-01")));
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations/R1/revocations", new { date = "2024-04-01" }), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations/NOPE/revocations", new { date = "2024-04-01" }), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "E1", scheme = "us-esta", documentNumber = "LA123456", documentIssuingCountry = "NZ", granted = "2024-05-01",
        })).StatusCode);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations", new { date = "2024-04-30" }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations", new { date = "2024-07-01", ground = "new information" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations", new { date = "2024-07-01", ground = "new information" })).StatusCode);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations", new { date = "2024-08-01" }), HttpStatusCode.Conflict);
        Assert.Equal(("valid", "revoked"), (Status(await AuthorisationAsync(id, "E1", "2024-06-30")), Status(await AuthorisationAsync(id, "E1", "2024-07-01"))));
        // A grant under a refusal's id is a conflict too.
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "R1", scheme = "us-esta", documentNumber = "LA123456", documentIssuingCountry = "NZ", granted = "2024-05-01",
        }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_is_a_400_and_a_caseworker_of_another_state_a_403_and_neither_writes()
    {
        var id = await app.RegisterTravellerAsync("GB");
        var version = await app.StreamVersionAsync(id);
        var bad = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "X", scheme = "no-such", documentNumber = "12-34", documentIssuingCountry = "GBR", granted = "2025-01-10", validUntil = "2025-01-01",
        }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("scheme", out _) && errors.TryGetProperty("documentNumber", out _) && errors.TryGetProperty("documentIssuingCountry", out _));
        var french = app.ClientAs([Role.Caseworker], ["FR"]);
        await Problem.AssertAsync(await french.PostAsJsonAsync($"/travellers/{id}/travel-authorisations", Esta()), HttpStatusCode.Forbidden);
        // ETIAS is an area scheme: a caseworker of any member state may record one.
        Assert.Equal(HttpStatusCode.Created, (await french.PostAsJsonAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "ET1", scheme = "schengen-etias", documentNumber = "123456789", documentIssuingCountry = "GB", granted = "2027-01-10",
        })).StatusCode);
        Assert.Equal(version + 1, await app.StreamVersionAsync(id));
        Assert.Equal("2030-01-09", (await AuthorisationAsync(id, "ET1", "2028-01-01")).GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task The_itinerary_check_on_the_record_lacks_an_ESTA_until_one_is_granted_and_an_eTA_only_by_air()
    {
        var id = await app.RegisterTravellerAsync("GB");
        var legs = new { legs = new object[] { new { country = "US", from = "2025-03-01", to = "2025-03-10" } } };
        var before = (await app.PostAsync($"/travellers/{id}/itineraries/check", legs)).Content.ReadFromJsonAsync<JsonElement>();
        var leg = (await before).GetProperty("legs")[0];
        Assert.False(leg.GetProperty("lawful").GetBoolean());
        Assert.Contains("travelAuthorisation:us-esta", leg.GetProperty("lacking").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", Esta())).StatusCode);
        var after = (await (await app.PostAsync($"/travellers/{id}/itineraries/check", legs)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("legs")[0];
        Assert.Equal((true, "E1"), (after.GetProperty("lawful").GetBoolean(), after.GetProperty("coveredBy").GetString()));

        var french = await app.RegisterTravellerAsync("FR");
        var byAir = (await (await app.PostAsync($"/travellers/{french}/itineraries/check", new { legs = new object[] { new { country = "CA", from = "2025-03-01", to = "2025-03-10" } } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("legs")[0];
        Assert.Contains("travelAuthorisation:ca-eta", byAir.GetProperty("lacking").EnumerateArray().Select(l => l.GetString()));
        var byLand = (await (await app.PostAsync($"/travellers/{french}/itineraries/check", new { legs = new object[] { new { country = "CA", from = "2025-03-01", to = "2025-03-10", by = "land" } } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("legs")[0];
        Assert.Equal((true, "land"), (byLand.GetProperty("lawful").GetBoolean(), byLand.GetProperty("by").GetString()));
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{french}/itineraries/check", new { legs = new object[] { new { country = "CA", from = "2025-03-01", to = "2025-03-10", by = "rail" } } }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_history_summary_lists_authorisation_refusals_and_revocations()
    {
        var id = await app.RegisterTravellerAsync("NZ");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/refusals",
            new { authorisationId = "R1", scheme = "us-esta", date = today.AddDays(-400).ToString("yyyy-MM-dd") })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations", new
        {
            authorisationId = "E1", scheme = "us-esta", documentNumber = "LA123456", documentIssuingCountry = "NZ", granted = today.AddDays(-300).ToString("yyyy-MM-dd"),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/travel-authorisations/E1/revocations",
            new { date = today.AddDays(-100).ToString("yyyy-MM-dd"), ground = "new information" })).StatusCode);
        var summary = await app.GetJsonAsync($"/travellers/{id}/history-summary");
        Assert.Equal("R1", summary.GetProperty("travelAuthorisationRefusals")[0].GetProperty("authorisationId").GetString());
        var revocation = summary.GetProperty("travelAuthorisationRevocations")[0];
        Assert.Equal(("E1", "US", "new information"), (revocation.GetProperty("authorisationId").GetString(), revocation.GetProperty("state").GetString(), revocation.GetProperty("ground").GetString()));
    }

    [Fact]
    public async Task A_Canadian_eTA_stored_as_a_visa_before_still_loads_as_a_visa_and_reads_as_an_eTA()
    {
        var id = await app.RegisterTravellerAsync("FR");
        // The old shape: a VisaIssued of type ETA, as the visa route recorded it while ETA was a Canadian visa category.
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.Append(id, new VisaIssued(id, "old-eta", null, "CA", "ETA", VisaEntries.Multiple, new DateOnly(2024, 1, 1), new DateOnly(2028, 12, 31), 180, new DateOnly(2024, 1, 1)));
            await session.SaveChangesAsync();
        }
        // Checked against the API document: a type the categories no longer list answers kind null, and the document says it may.
        var visa = (await app.GetJsonAsync($"/travellers/{id}/visas?on=2025-01-01")).GetProperty("visas").EnumerateArray().Single();
        Assert.Equal(("ETA", JsonValueKind.Null), (visa.GetProperty("type").GetString(), visa.GetProperty("kind").ValueKind));
        var eta = await AuthorisationAsync(id, "old-eta", "2025-01-01");
        Assert.Equal(("ca-eta", "valid", true), (eta.GetProperty("scheme").GetString(), Status(eta), eta.GetProperty("fromVisaRecord").GetBoolean()));
        var leg = (await (await app.PostAsync($"/travellers/{id}/itineraries/check", new { legs = new object[] { new { country = "CA", from = "2025-03-01", to = "2025-03-10" } } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("legs")[0];
        Assert.Equal((true, "old-eta"), (leg.GetProperty("lawful").GetBoolean(), leg.GetProperty("coveredBy").GetString()));
        // Rebuilt from its events (as known now), the traveller reads the same.
        var replayed = await AuthorisationAsync(id, "old-eta", "2025-01-01");
        Assert.Equal("ca-eta", replayed.GetProperty("scheme").GetString());
        var asKnown = (await app.GetJsonAsync($"/travellers/{id}/travel-authorisations?on=2025-01-01&asKnownAt={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"))
            .GetProperty("authorisations")[0];
        Assert.Equal("old-eta", asKnown.GetProperty("authorisationId").GetString());
    }
}
