using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Microsoft.Playwright;

namespace Ledger.Tests.Pages;

/// <summary>
/// The pages in a real browser, as a person uses them: sign in with a token, read the record, the chart's figures,
/// plan a trip, print a report, and record through a caseworker's form (with the API's own refusal messages). Each
/// test saves a screenshot of its page under artifacts/screenshots, and runs axe (<see cref="Axe"/>) over every page
/// in every state it opens: signed out, as the traveller, a caseworker, an auditor, and forms with errors shown.
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
    private async Task<IPage> SignedInAsync(string token, string returnTo, int width = 1100)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Base + returnTo);
        Assert.Contains("/app/sign-in", page.Url); // no token yet: sent to sign in
        await Axe.AssertNoViolationsAsync(page, "the sign-in page, signed out");
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
        // The answer comes first in the card, in words.
        Assert.Matches(@"^You can stay until \d{1,2} [A-Z][a-z]+ \d{4} \(\d+ days left\)\.$", await schengen.Locator("p").First.InnerTextAsync());
        Assert.Equal(0, await page.Locator("a[href='/app/caseworker']").CountAsync());
        var chart = page.Locator("svg.timeline[data-regime='schengen']");
        Assert.Equal("10", await chart.GetAttributeAsync("data-today-days-used"));
        Assert.Equal($"today {app.DaysAgo(0)}: 10 of 90 days used", await chart.Locator("text.today-figure").TextContentAsync());
        Assert.Equal(1, await chart.Locator("rect.stay[data-country='FR']").CountAsync());
        Assert.Contains("insufficient funds shown", await page.Locator("#visas ~ div table").First.InnerTextAsync() + await page.ContentAsync());
        Assert.Contains("United Kingdom sees", await page.Locator(".states").InnerTextAsync());

        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("traveller-page"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the traveller page, as the traveller");

        // The same page read by a caseworker and by an auditor (with their record ids behind disclosures).
        foreach (var (roles, who) in new[] { (new[] { Role.Caseworker }, "a caseworker"), (new[] { Role.Auditor }, "an auditor") })
        {
            var other = await SignedInAsync(app.TokenFor(roles, ["FR"], subject: "staff"), $"/app/travellers/{traveller}");
            Assert.Matches(@"^This traveller can stay until ", await other.Locator("section.card p").First.InnerTextAsync());
            await Axe.AssertNoViolationsAsync(other, $"the traveller page, as {who}");
            await other.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_start_page_signed_out_and_signed_in_has_no_accessibility_violations()
    {
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Base + "/app/");
        Assert.Contains("Sign in", await page.Locator("main").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "the start page, signed out");
        await page.GotoAsync(Base + "/app/sign-in?expired=1");
        await Axe.AssertNoViolationsAsync(page, "the sign-in page with its refusal shown");
        await context.CloseAsync();

        var traveller = await TravellerAsync();
        var signedIn = await SignedInAsync(app.TokenFor([Role.Traveller], traveller: traveller), $"/app/travellers/{traveller}/plan");
        await signedIn.GotoAsync(Base + "/app/");
        Assert.Contains("Your record", await signedIn.Locator("main").InnerTextAsync());
        Assert.Equal(0, await signedIn.Locator("a[href='/app/caseworker']").CountAsync());
        await Axe.AssertNoViolationsAsync(signedIn, "the start page, as a traveller");
        await signedIn.Context.CloseAsync();
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
        await Axe.AssertNoViolationsAsync(page, "the planner's one-stay answer");
    }

    [Fact]
    public async Task The_planner_can_be_used_with_the_keyboard_alone_and_says_when_a_leg_is_past_or_an_open_stay_stands()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(traveller, "mad-in", "entry", "ES", app.DaysAgo(10))).StatusCode);
        var page = await SignedInAsync(app.TokenFor([Role.Traveller], traveller: traveller), $"/app/travellers/{traveller}/plan");
        await Axe.AssertNoViolationsAsync(page, "the planner, empty");

        // From the top of the page, Tab until the first leg's country has the focus: no mouse, no script of ours.
        await page.Locator("body").FocusAsync();
        for (var presses = 0; presses < 30 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "country0"; presses++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("country0", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("Portugal"); // by name
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(app.DaysAgo(2));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(app.DaysAgo(-3));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("country1", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("gb"); // by code, any case
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(app.DaysAgo(-4));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(app.DaysAgo(-6));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#itinerary-answer");

        var legs = await page.Locator("#itinerary-answer > li").AllInnerTextsAsync();
        Assert.Equal(2, legs.Count);
        Assert.StartsWith($"Portugal {app.DaysAgo(2)} to {app.DaysAgo(-3)}: lawful; rule: Schengen area short stay", legs[0]);
        Assert.Contains($"before today ({app.DaysAgo(0)})", legs[0]);
        Assert.Contains($"the record shows an open stay in Spain (ES) since {app.DaysAgo(10)}", legs[0]);
        // A US national needs the UK's travel authorisation, and none is on record: said in words, not as a code.
        Assert.StartsWith($"United Kingdom {app.DaysAgo(-4)} to {app.DaysAgo(-6)}: not lawful", legs[1]);
        Assert.Contains("it needs a valid United Kingdom Electronic Travel Authorisation (ETA)", legs[1]);
        Assert.Contains("rule: United Kingdom visitor", legs[1]);
        Assert.DoesNotContain("Note:", legs[1]);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("plan-notes"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the planner's answer with notes");

        // A refusal: the error summary comes first and its link takes the keyboard to the field.
        await page.Locator("#country0").FillAsync("Atlantis");
        await page.Locator("#country0").PressAsync("Enter");
        await page.WaitForSelectorAsync("#error-summary");
        Assert.Contains("There is a problem", await page.Locator("#error-summary").InnerTextAsync());
        var link = page.Locator("#error-summary a").First;
        Assert.Equal("#country0", await link.GetAttributeAsync("href"));
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("country0", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Axe.AssertNoViolationsAsync(page, "the planner with errors shown");
    }

    [Fact]
    public async Task The_compliance_report_and_the_history_summary_can_be_read_and_printed()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Traveller], traveller: traveller), $"/app/travellers/{traveller}/compliance");
        Assert.Contains("Highest days used: 10", await page.Locator("#max-days").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("compliance"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the compliance report");
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
        await Axe.AssertNoViolationsAsync(page, "the history summary");
    }

    [Fact]
    public async Task A_caseworkers_refused_form_shows_an_error_summary_with_the_apis_messages_and_a_good_one_is_recorded()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Caseworker], ["GB"], subject: "caseworker-anne"), "/app/caseworker");
        await Axe.AssertNoViolationsAsync(page, "the caseworker's find page");
        await page.GetByLabel("Traveller record id").FillAsync(traveller.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Open record" }).ClickAsync();
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("entry France", main.Replace("\t", " "));
        Assert.Contains("for auditors and admins", main); // the event history is not a caseworker's
        // A caseworker of Britain: visas and incidents of Britain; crossings are for recorders, so no crossing form.
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Record a crossing" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page, "the caseworker record, as a caseworker");

        // An end before the start: the API's own message, summed up first, linking to its field.
        await page.Locator("#Visa-visaId").FillAsync("gb-sv-7");
        await page.Locator("#Visa-issuingState").SelectOptionAsync("GB");
        await page.Locator("#Visa-type").FillAsync("SV");
        await page.Locator("#Visa-entries-0").CheckAsync();
        await page.Locator("#Visa-validFrom-day").FillAsync("10");
        await page.Locator("#Visa-validFrom-month").FillAsync("3");
        await page.Locator("#Visa-validFrom-year").FillAsync("2026");
        await page.Locator("#Visa-validUntil-day").FillAsync("1");
        await page.Locator("#Visa-validUntil-month").FillAsync("3");
        await page.Locator("#Visa-validUntil-year").FillAsync("2026");
        await page.Locator("#Visa-durationDays").FillAsync("30");
        await page.Locator("#Visa-issuedOn-day").FillAsync("1");
        await page.Locator("#Visa-issuedOn-month").FillAsync("2");
        await page.Locator("#Visa-issuedOn-year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record an issued visa" }).ClickAsync();
        var summary = page.Locator("#error-summary");
        Assert.Contains("There is a problem", await summary.InnerTextAsync());
        Assert.Contains("validUntil 2026-03-01 is before validFrom 2026-03-10", await summary.InnerTextAsync());
        Assert.Equal("#Visa-validUntil-day", await summary.Locator("a", new() { HasText = "validUntil" }).First.GetAttributeAsync("href"));
        Assert.Contains("is before validFrom", await page.Locator("#Visa-validUntil-error").InnerTextAsync());
        Assert.Equal("2026", await page.Locator("#Visa-validUntil-year").InputValueAsync()); // what was typed stays
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("caseworker-refused"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the caseworker record with a refused form");

        await page.Locator("#Visa-validUntil-month").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record an issued visa" }).ClickAsync();
        Assert.Contains("The visa is on the record.", await page.Locator("main").InnerTextAsync());
        var visas = await app.GetJsonAsync($"/travellers/{traveller}/visas");
        Assert.Contains(visas.GetProperty("visas").EnumerateArray(), v => v.GetProperty("visaId").GetString() == "gb-sv-7" && v.GetProperty("validUntil").GetString() == "2026-09-01");
        var events = await app.GetJsonAsync($"/travellers/{traveller}/events");
        Assert.Equal("caseworker-anne", events.EnumerateArray().Last().GetProperty("recordedBy").GetString());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("caseworker"), FullPage = true });
    }

    [Fact]
    public async Task A_recorder_voids_a_crossing_with_a_reason_through_the_apis_correction_route()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Caseworker, Role.Recorder], ["FR"], subject: "recorder-paul"), $"/app/caseworker/travellers/{traveller}");
        await page.Locator("#Correction-crossingId").SelectOptionAsync("cdg-out");
        await page.Locator("#Correction-action-0").CheckAsync(); // void
        await page.GetByRole(AriaRole.Button, new() { Name = "Correct or void a crossing" }).ClickAsync();
        Assert.Contains("There is a problem", await page.Locator("#error-summary").InnerTextAsync());
        Assert.Equal("#Correction-reason", await page.Locator("#error-summary a").First.GetAttributeAsync("href"));
        await Axe.AssertNoViolationsAsync(page, "the correction form with errors shown");

        await page.Locator("#Correction-crossingId").SelectOptionAsync("cdg-out");
        await page.Locator("#Correction-action-0").CheckAsync();
        await page.Locator("#Correction-reason").FillAsync("recorded on the wrong traveller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Correct or void a crossing" }).ClickAsync();
        Assert.Contains("The correction is on the record.", await page.Locator("main").InnerTextAsync());
        var crossings = await app.GetJsonAsync($"/travellers/{traveller}/crossings");
        Assert.DoesNotContain(crossings.GetProperty("crossings").EnumerateArray(), c => c.GetProperty("crossingId").GetString() == "cdg-out");
        var voided = (await app.EventsOfAsync(traveller)).OfType<Ledger.Projections.Crossings.CrossingVoided>().Single();
        Assert.Equal("recorded on the wrong traveller", voided.Reason);

        // Correct the entry's date instead: the corrected crossing stands.
        await page.Locator("#Correction-crossingId").SelectOptionAsync("cdg-in");
        await page.Locator("#Correction-action-1").CheckAsync();
        await page.Locator("#Correction-reason").FillAsync("stamp misread");
        await page.Locator("#Correction-direction-0").CheckAsync();
        await page.Locator("#Correction-country").SelectOptionAsync("FR");
        var day = DateOnly.Parse(app.DaysAgo(18));
        await page.Locator("#Correction-date-day").FillAsync(day.Day.ToString());
        await page.Locator("#Correction-date-month").FillAsync(day.Month.ToString());
        await page.Locator("#Correction-date-year").FillAsync(day.Year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Correct or void a crossing" }).ClickAsync();
        Assert.Contains("The correction is on the record.", await page.Locator("main").InnerTextAsync());
        crossings = await app.GetJsonAsync($"/travellers/{traveller}/crossings");
        Assert.Contains(crossings.GetProperty("crossings").EnumerateArray(), c => c.GetProperty("crossingId").GetString() == "cdg-in" && c.GetProperty("date").GetString() == app.DaysAgo(18));
        await Axe.AssertNoViolationsAsync(page, "the caseworker record, as a recorder and caseworker");
    }

    [Fact]
    public async Task An_auditor_reads_the_record_and_its_event_history_and_no_table_is_cut_off_on_a_phone()
    {
        var traveller = await TravellerAsync();
        var page = await SignedInAsync(app.TokenFor([Role.Auditor], subject: "auditor-eve"), $"/app/caseworker/travellers/{traveller}");
        Assert.True(await page.Locator("#no-forms").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("caseworker-record"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the caseworker record, as an auditor");

        foreach (var width in new[] { 320, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var path in new[] { $"/app/caseworker/travellers/{traveller}", $"/app/travellers/{traveller}" })
            {
                await page.GotoAsync(Base + path);
                await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
                // Nothing wider than the screen: no table or region is cut off or scrolls the page sideways.
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} at {width}px is {overflow}px wider than the screen");
                var scrolled = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.scroll')].filter(r => r.scrollWidth > r.clientWidth + 1).length");
                Assert.Equal(0, scrolled);
                await Axe.AssertNoViolationsAsync(page, $"{path} at {width}px, as an auditor");
            }
        }
        await page.SetViewportSizeAsync(320, 900);
        await page.GotoAsync(Base + $"/app/caseworker/travellers/{traveller}");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("caseworker-record-320"), FullPage = true });
    }
}
