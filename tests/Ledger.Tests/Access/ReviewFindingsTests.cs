using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ledger.Writing;

namespace Ledger.Tests.Access;

/// <summary>Holes a security review found in the access rules, each closed and kept closed.</summary>
public class ReviewFindingsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>A development-key token with claims exactly as given (no normalisation by DevelopmentTokens).</summary>
    private static string RawToken(params (string Type, string Value)[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.DevelopmentIssuer,
            Audience = LedgerApp.Auth.Audience,
            // An id, as every accepted token has: without one the answer would be 401 before any rights check.
            Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim("jti", Guid.NewGuid().ToString("N")))),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(LedgerApp.Auth.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });

    [Theory]
    [InlineData("caseworker,auditor")] // would OR into Admin as a flags parse
    [InlineData("5")]
    [InlineData("1, 4")]
    public async Task A_role_claim_is_one_named_role_never_a_list_or_a_number(string role)
    {
        var id = await app.RegisterTravellerAsync();
        using var client = app.WithToken(RawToken(("sub", "escalator"), ("role", role)));
        await Problem.AssertAsync(await client.DeleteAsync($"/travellers/{id}/identity"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await client.GetAsync($"/travellers/{id}/events"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await client.GetAsync($"/travellers/{id}/status"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_401()
    {
        using var client = app.WithToken(RawToken(("role", "admin")));
        await Problem.AssertAsync(await client.GetAsync("/webhooks"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_idempotency_key_belongs_to_the_principal_that_used_it()
    {
        async Task<Guid> RegisterAs(string subject)
        {
            using var recorder = app.ClientAs([Role.Recorder], subject: subject);
            var request = new HttpRequestMessage(HttpMethod.Post, "/travellers") { Content = JsonContent.Create(new { nationalities = new[] { "IN" } }) };
            request.Headers.Add("Idempotency-Key", "batch-7/line-12");
            var response = await recorder.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        Assert.NotEqual(await RegisterAs("recorder-a"), await RegisterAs("recorder-b"));
    }

    [Fact]
    public async Task A_caseworker_may_not_revoke_or_decide_another_states_visa_records_whatever_state_the_body_names()
    {
        var id = await app.RegisterTravellerAsync("IN");
        (await app.PostAsync($"/travellers/{id}/visas/applications", new { applicationId = "fr-app", state = "FR", type = "C", date = "2025-01-01" })).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "FR-V", issuingState = "FR", type = "C", entries = "multiple", validFrom = "2025-02-01", validUntil = "2025-12-31", durationDays = 90, issuedOn = "2025-01-20",
        })).EnsureSuccessStatusCode();
        var before = await app.StreamVersionAsync(id);
        using var spain = app.ClientAs([Role.Caseworker], ["ES"], subject: "caseworker-es");
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{id}/visas/FR-V/revocations",
            new { kind = "revoked", state = "ES", date = "2025-03-01", reason = "not ours" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{id}/visas/refusals",
            new { applicationId = "fr-app", state = "ES", date = "2025-01-05", ground = "not ours" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await spain.PostAsJsonAsync($"/travellers/{id}/visas", new
        {
            visaId = "ES-V", applicationId = "fr-app", issuingState = "ES", type = "C", entries = "multiple", validFrom = "2025-02-01", validUntil = "2025-12-31", durationDays = 90, issuedOn = "2025-01-20",
        }), HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Another_countrys_recorder_learns_only_that_a_crossing_id_is_taken_not_what_it_holds()
    {
        var id = await app.RegisterTravellerAsync();
        (await app.PostAsync($"/travellers/{id}/crossings", new { crossingId = "c1", direction = "entry", country = "FR", date = app.DaysAgo(3), borderPoint = "CDG-T2" })).EnsureSuccessStatusCode();
        using var germany = app.ClientAs([Role.Recorder], ["DE"]);
        var body = await Problem.AssertAsync(await germany.PostAsJsonAsync($"/travellers/{id}/crossings",
            new { crossingId = "c1", direction = "entry", country = "DE", date = app.DaysAgo(2) }), HttpStatusCode.Conflict);
        var text = body.ToString();
        Assert.DoesNotContain("CDG-T2", text);
        Assert.DoesNotContain("FR", text);
        Assert.False(body.TryGetProperty("differences", out _));
    }

    [Fact]
    public async Task Odd_requests_that_once_meant_500s_are_400s_and_health_is_never_rate_limited()
    {
        var id = await app.RegisterTravellerAsync();
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{id}/access-log?page=2147483647"), HttpStatusCode.BadRequest);
        var noContentType = new ByteArrayContent(Encoding.UTF8.GetBytes("null"));
        await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{id}/crossings", noContentType), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.PostAsJsonAsync("/webhooks", new { url = $"https://{new string('a', 60)}.{new string('b', 60)}.{new string('c', 60)}.{new string('d', 60)}.{new string('e', 60)}.example/hook", secret = "0123456789abcdef0123" }),
            HttpStatusCode.BadRequest);
    }
}
