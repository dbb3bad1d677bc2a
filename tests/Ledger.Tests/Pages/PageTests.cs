using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Pages;

/// <summary>
/// The pages over plain HTTP with the API's bearer header: what they show, who may see them, and that the sign-in
/// cookie is honoured on pages only.
/// </summary>
public class PageTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task The_root_leads_to_the_pages()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Anonymous().BaseAddress };
        var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/app/", root.Headers.Location!.OriginalString);
        var start = await client.GetAsync("/app/");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("Sign in", await start.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_traveller_sees_the_next_limit_in_words_and_the_days_used_in_the_chart()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "in", "entry", "FR", app.DaysAgo(20))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "out", "exit", "FR", app.DaysAgo(11))).StatusCode);
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);

        var html = await me.GetStringAsync($"/app/travellers/{traveller}");

        // 10 days used (20 to 11 days ago, both included): 80 left; staying from today the window rolls, so the date is later.
        Assert.Contains("10 of 90 days used", html);
        Assert.Contains("You can stay until ", html);
        Assert.Contains("data-today-days-used=\"10\"", html);
        Assert.Contains("today " + app.DaysAgo(0) + ": 10 of 90 days used", html);
        Assert.Contains("data-country=\"FR\"", html);
        Assert.Contains("United States sees", html);
    }

    [Fact]
    public async Task The_chart_draws_stored_plans_ahead_and_the_days_used_they_would_lead_to()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "in", "entry", "FR", app.DaysAgo(20))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "out", "exit", "FR", app.DaysAgo(11))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{traveller}/plans",
            new { planId = "spain", legs = new[] { new { country = "ES", from = app.DaysAgo(-30), to = app.DaysAgo(-39) } } })).StatusCode);
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);

        var html = await me.GetStringAsync($"/app/travellers/{traveller}");

        // The plan's ten days in Spain are drawn in its own lane, and the line ahead rises from 10 to 20 days used.
        Assert.Contains("class=\"planned\" data-country=\"ES\"", html);
        Assert.Contains($"planned: ES {app.DaysAgo(-30)} to {app.DaysAgo(-39)}", html);
        Assert.Contains("class=\"days-used-planned\"", html);
        Assert.Contains("1 planned legs ahead, up to 20 days used if they are made", html);
    }

    [Fact]
    public async Task A_traveller_may_not_open_another_travellers_page_and_a_refusal_names_why()
    {
        var mine = await app.RegisterTravellerAsync("US");
        var theirs = await app.RegisterTravellerAsync("US");
        using var me = app.ClientAs([Role.Traveller], traveller: mine);
        foreach (var path in new[] { "", "/plan?enter=2025-01-01", "/compliance", "/history-summary" })
        {
            var response = await me.GetAsync($"/app/travellers/{theirs}{path}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("may not read this traveller", await response.Content.ReadAsStringAsync());
        }
        var caseworkerPage = await me.GetAsync($"/app/caseworker/travellers/{theirs}");
        Assert.Equal(HttpStatusCode.Forbidden, caseworkerPage.StatusCode);
    }

    [Fact]
    public async Task A_browser_without_a_token_is_sent_to_sign_in_and_the_api_ignores_the_page_cookie()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler) { BaseAddress = app.Anonymous().BaseAddress };
        var page = await browser.GetAsync($"/app/travellers/{traveller}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/app/sign-in?returnUrl=", page.Headers.Location!.OriginalString);

        var token = app.TokenFor([Role.Traveller], traveller: traveller);
        var withCookie = new HttpRequestMessage(HttpMethod.Get, $"/app/travellers/{traveller}");
        withCookie.Headers.Add("Cookie", $"ledger-token={token}");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(withCookie)).StatusCode);

        var api = new HttpRequestMessage(HttpMethod.Get, $"/travellers/{traveller}/status");
        api.Headers.Add("Cookie", $"ledger-token={token}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(api)).StatusCode);
    }

    [Fact]
    public async Task Opening_a_page_is_on_the_access_log()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        using var me = app.ClientAs([Role.Traveller], traveller: traveller, subject: "page-reader");
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/app/travellers/{traveller}")).StatusCode);
        var log = await me.GetFromJsonAsync<System.Text.Json.JsonElement>($"/travellers/{traveller}/access-log");
        Assert.Contains(log.GetProperty("entries").EnumerateArray(), e => e.GetProperty("route").GetString()!.TrimStart('/') == "app/travellers/{id:guid}");
    }

    [Fact]
    public async Task The_compliance_page_and_its_csv_come_from_the_report()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        await app.RecordCrossingAsync(traveller, "in", "entry", "FR", app.DaysAgo(20));
        await app.RecordCrossingAsync(traveller, "out", "exit", "FR", app.DaysAgo(11));
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);
        var html = await me.GetStringAsync($"/app/travellers/{traveller}/compliance?from={app.DaysAgo(30)}&to={app.DaysAgo(0)}");
        Assert.Contains("Highest days used: <strong>10</strong>", html);
        var csv = await me.GetAsync($"/app/travellers/{traveller}/compliance?handler=csv&from={app.DaysAgo(30)}&to={app.DaysAgo(0)}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("date,daysUsed,present,unlawful\n", await csv.Content.ReadAsStringAsync());
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString());
    }

    public static TheoryData<string, Role> PageCases()
    {
        var data = new TheoryData<string, Role>();
        foreach (var page in new[] { "", "/plan", "/compliance", "/history-summary", "caseworker" })
            foreach (var role in Enum.GetValues<Role>())
                data.Add(page, role);
        return data;
    }

    /// <summary>The pages follow the API's rights: the readers of a record (caseworker, the traveller, auditor, admin) see it; others get 403.</summary>
    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task Each_role_sees_the_pages_the_api_lets_it_read(string page, Role role)
    {
        var traveller = await app.RegisterTravellerAsync("US");
        using var client = app.ClientAs([role], role is Role.Recorder or Role.Caseworker ? ["FR"] : role == Role.Partner ? ["US"] : [],
            role == Role.Traveller ? traveller : null);
        var path = page == "caseworker" ? $"/app/caseworker/travellers/{traveller}" : $"/app/travellers/{traveller}{page}";
        var response = await client.GetAsync(path);
        var readers = new[] { Role.Caseworker, Role.Traveller, Role.Auditor, Role.Admin };
        Assert.Equal(readers.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType);
    }
}
