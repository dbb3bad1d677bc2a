using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Microsoft.Playwright;

namespace Ledger.Tests.Pages;

/// <summary>
/// The pages in a real browser, as a person uses them: sign in with a token, read the record, the chart's figures,
/// plan a trip, print a report, and record through a caseworker's form (with the API's own refusal messages). Each
/// test saves a screenshot of its page under artifacts/screenshots.
/// </summary>
public class BrowserTests(LedgerApp app, Chromium chromium) : IClassFixture<LedgerApp>, IClassFixture<Chromium>
{
    private string Base => app.Anonymous().BaseAddress!.ToString().TrimEnd('/');

    /// <summary>A traveller who was in France from 20 to 11 days ago, with a refused visa and a police report.</summary>
    private async Task<Guid> TravellerAsync()
    {
        var traveller = await app.RegisterTravellerAsync("IN");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "cdg-in", "entry", "FR", app.DaysAgo(20))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "cdg-out", "exit", "FR", app.DaysAgo(11))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{traveller}/visas/refusals",
            new { applicationId = "gb-2024-1", state = "GB", date = app.DaysAgo(400), ground = "insufficient funds shown",
                  application = new { type = "SV", date = app.DaysAgo(420) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{traveller}/incidents",
            new { incidentId = "gb-police-1", jurisdiction = "GB", date = app.DaysAgo(300), category = "policeReport", source = "Metropolitan Police" })).StatusCode);
        return traveller;
    }

    /// <summary>Signs in through the sign-in form, as a person pasting a token would.</summary>
    private async Task<IPage> SignedInAsync(string token, string returnTo)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Base + returnTo);
        Assert.Contains("/app/sign-in", page.Url); // no token yet: sent to sign in
        await page.GetByLabel("Token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/sign-in"));
        return page;
    }

    [Fact]
    public async Task The_traveller_page_shows_the_limit_in_words_the_chart_and_what_each_state_sees()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Traveller], traveller: traveller, subject: "traveller-self"), $"/app/travellers/{traveller}");

        var schengen = page.Locator("section.card", new() { HasText = "Schengen" }).First;
        Assert.Contains("10 of 90 days used", await schengen.InnerTextAsync());
        Assert.Matches(@"You can stay until \d{4}-\d{2}-\d{2}; \d+ days left\.", await schengen.InnerTextAsync());
        var chart = page.Locator("svg.timeline[data-regime='schengen']");
        Assert.Equal("10", await chart.GetAttributeAsync("data-today-days-used"));
        Assert.Equal($"today {app.DaysAgo(0)}: 10 of 90 days used", await chart.Locator("text.today-figure").TextContentAsync());
        Assert.Equal(1, await chart.Locator("rect.stay[data-country='FR']").CountAsync());
        Assert.Contains("insufficient funds shown", await page.Locator("#visas ~ div table").First.InnerTextAsync() + await page.ContentAsync());
        Assert.Contains("GB sees", await page.Locator(".states").InnerTextAsync());

        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("traveller-page"), FullPage = true });
    }

    [Fact]
    public async Task The_plan_page_answers_in_words()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Traveller], traveller: traveller), $"/app/travellers/{traveller}/plan");
        await page.GetByLabel("Entry date").FillAsync(app.DaysAgo(0));
        await page.GetByLabel("Length of the stay").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        Assert.Matches($@"If you enter the .* on {app.DaysAgo(0)}, you can stay \d+ days, until \d{{4}}-\d{{2}}-\d{{2}}\.", await page.Locator("#plan-answer").InnerTextAsync());
        Assert.Contains($"is {app.DaysAgo(0)}.", await page.Locator("#earliest-answer").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("plan"), FullPage = true });
    }

    [Fact]
    public async Task The_compliance_report_and_the_history_summary_can_be_read_and_printed()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Traveller], traveller: traveller), $"/app/travellers/{traveller}/compliance");
        Assert.Contains("Highest days used: 10", await page.Locator("#max-days").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("compliance"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("form").First.IsVisibleAsync()); // the print stylesheet leaves the form out
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GotoAsync($"{Base}/app/travellers/{traveller}/history-summary");
        Assert.Contains("you must read and answer each question yourself", await page.Locator("#statement").InnerTextAsync());
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("gb-2024-1", text);
        Assert.Contains("insufficient funds shown", text);
        Assert.Contains("gb-police-1", text);
        Assert.Contains("cdg-in", text);
        Assert.DoesNotContain("score", text, StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("history-summary"), FullPage = true });
    }

    [Fact]
    public async Task A_caseworkers_refused_form_shows_the_apis_messages_and_a_good_one_is_recorded()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Caseworker, Role.Recorder], ["FR"], subject: "caseworker-anne"), "/app/caseworker");
        await page.GetByLabel("Traveller record id").FillAsync(traveller.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Open record" }).ClickAsync();
        Assert.Contains("cdg-in", await page.Locator("main").InnerTextAsync());
        Assert.Contains("for auditors and admins", await page.Locator("main").InnerTextAsync()); // the event history is not a caseworker's

        // Missing id and a country that is not one: the API's own messages, by field.
        await page.Locator("#Crossing-country").FillAsync("ZZ");
        await page.Locator("#Crossing-date").FillAsync(app.DaysAgo(2));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a crossing" }).ClickAsync();
        Assert.Contains("Not recorded (400)", await page.Locator("#crossing-refusal").InnerTextAsync());
        Assert.Contains("crossingId is missing", await page.Locator("#Crossing-crossingId-error").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("caseworker-refused"), FullPage = true });

        await page.Locator("#Crossing-crossingId").FillAsync("cdg-in-2");
        await page.Locator("#Crossing-country").FillAsync("FR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a crossing" }).ClickAsync();
        Assert.Contains("Recorded: the crossing is on the record", await page.Locator("main").InnerTextAsync());
        var crossings = await app.GetJsonAsync($"/travellers/{traveller}/crossings");
        Assert.Contains(crossings.GetProperty("crossings").EnumerateArray(), c => c.GetProperty("crossingId").GetString() == "cdg-in-2");
        var events = await app.GetJsonAsync($"/travellers/{traveller}/events");
        Assert.Equal("caseworker-anne", events.EnumerateArray().Last().GetProperty("recordedBy").GetString());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("caseworker"), FullPage = true });
    }
}
