using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Pages;

/// <summary>
/// The pages of a traveller whose file retention erased: 410 and a plain page saying so and under which rule (in the
/// rule's words, no ids), for a bearer header and for a browser signed in with the page cookie alike; a browser that is
/// not signed in is still sent to sign in.
/// </summary>
public class RetentionPageTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static HttpRequestMessage WithCookie(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"ledger-token={token}");
        return request;
    }

    [Fact]
    public async Task An_erased_travellers_pages_answer_410_saying_the_record_was_erased_under_which_rule_in_words()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        // An overstayer whose authorised stay ended over 5 years ago: the sweep erases the whole file (Art. 34(3)).
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "long-in", "entry", "FR", Today.AddYears(-5).AddDays(-100).ToString("yyyy-MM-dd"))).StatusCode);
        using var caseworker = app.ClientAs([Role.Caseworker], ["FR"]);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/app/travellers/{traveller}")).StatusCode);
        var sweep = await app.Http.PostAsync("/retention/sweeps", null);
        Assert.True(sweep.StatusCode == HttpStatusCode.OK, await sweep.Content.ReadAsStringAsync());
        Assert.True((await sweep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("travellersErased").GetInt32() >= 1);

        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler) { BaseAddress = app.Anonymous().BaseAddress };
        var token = app.TokenFor([Role.Caseworker], ["FR"]);
        foreach (var path in new[] { "", "/compliance", "/history-summary", "/plan?enter=2025-01-01" })
        {
            var url = $"/app/travellers/{traveller}{path}";
            foreach (var response in new[] { await caseworker.GetAsync(url), await browser.SendAsync(WithCookie(url, token)) })
            {
                Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var html = await response.Content.ReadAsStringAsync();
                Assert.Contains("<html lang=\"en\">", html);
                Assert.Contains("<title>Record erased · Travel-history ledger</title>", html);
                Assert.Contains("<h1>This record was erased</h1>", html);
                Assert.Contains("the rule for EES records of an overstayer", html);
                Assert.Contains("kept for 5 years from the end of the authorised stay", html);
                Assert.Contains("Art. 34(3)", html);
                // No raw ids: neither the traveller's nor the policy's.
                Assert.DoesNotContain(traveller.ToString(), html);
                Assert.DoesNotContain("ees-art34", html);
            }
        }

        // Not signed in: sent to sign in, as for any page; the API still answers its 410 problem.
        var anonymous = await browser.GetAsync($"/app/travellers/{traveller}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/app/sign-in?returnUrl=", anonymous.Headers.Location!.OriginalString);
        await Problem.AssertAsync(await caseworker.GetAsync($"/travellers/{traveller}"), HttpStatusCode.Gone);
    }
}
