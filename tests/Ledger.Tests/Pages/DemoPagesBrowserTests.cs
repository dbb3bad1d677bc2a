using Ledger.Access;
using Ledger.Demo;
using Ledger.Tests.Demo;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Ledger.Tests.Pages;

/// <summary>
/// The issue's "done when": every person of docs/examples.md, loaded once by the demo's own loader (<see cref="DemoApp"/>),
/// opens as a traveller page, a history summary and a compliance report in Chromium, read with the person's own
/// traveller token; each test asserts what that person sees of their case and saves a screenshot per page under
/// artifacts/screenshots (demo-&lt;person&gt;-&lt;page&gt;.png). One browser and one demo load for the class.
/// </summary>
public class DemoPagesBrowserTests(DemoApp app, Chromium chromium) : IClassFixture<DemoApp>, IClassFixture<Chromium>
{
    private string Base => app.Anonymous().BaseAddress!.ToString().TrimEnd('/');

    public static TheoryData<string> People => new(DemoCases.People.Select(p => p.Key));

    /// <summary>A browser context that sends the person's own traveller token with every page, as tools do (no sign-in form).</summary>
    private async Task<(IBrowserContext Context, IPage Page, Guid Id)> AsPersonAsync(string person)
    {
        var id = app.Id(person);
        var token = app.TokenFor([Role.Traveller], traveller: id, subject: person);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        return (context, await context.NewPageAsync(), id);
    }

    private async Task<string> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(Base + path);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.True(response!.Status == 200, $"{path} answered {response.Status}: {text}");
        return text;
    }

    private static Task ShotAsync(IPage page, string person, string what) =>
        page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath($"{person}-{what}"), FullPage = true });

    /// <summary>The text of one requesting state's card in "what each state sees".</summary>
    private static Task<string> SeesAsync(IPage page, string state) => page.Locator($"section.card[aria-labelledby='sees-{state}']").InnerTextAsync();

    [Theory]
    [MemberData(nameof(People))]
    public async Task Each_demo_person_opens_as_a_traveller_page(string person)
    {
        var who = DemoCases.People.Single(p => p.Key == person);
        var (context, page, id) = await AsPersonAsync(person);
        await using var _ = context;
        var text = await OpenAsync(page, $"/app/travellers/{id}");
        Assert.Equal(who.Name, await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain(id.ToString(), text); // no record ids for the traveller
        var incidents = await page.Locator("#incidents + *").InnerTextAsync();

        switch (who.Case)
        {
            case "a":
                // No stay rule of the ledger covers New Zealand or a refused US visit: the page says so instead of an empty section.
                Assert.True(await page.Locator("#no-status").IsVisibleAsync());
                Assert.Contains("impoundment", incidents);
                Assert.Contains("incident (traffic offence) in New Zealand, 2023-03-04", await SeesAsync(page, "US"));
                Assert.Contains("visa application to United States, B1/B2, 2023-06-01", await SeesAsync(page, "NZ"));
                Assert.DoesNotContain("traffic offence", await SeesAsync(page, "FR") + await SeesAsync(page, "DE"));
                break;
            case "b":
                Assert.Contains("visa application to Canada, TRV, 2024-01-10", await SeesAsync(page, "US"));
                Assert.Contains("IRPR 179(b)", await SeesAsync(page, "US"));
                Assert.Contains("visa B1/B2 of United States", await SeesAsync(page, "CA"));
                break;
            case "c":
                // The complainant's incident is on her own page and in Britain's column, and in no other state's.
                Assert.Contains("complainant", incidents);
                Assert.Contains("incident (civil dispute) in United Kingdom, 2025-06-14", await SeesAsync(page, "GB"));
                foreach (var state in new[] { "US", "CA", "AU", "NZ", "FR", "DE" })
                {
                    var seen = await SeesAsync(page, state);
                    Assert.DoesNotContain("civil dispute", seen);
                    if (state is not ("FR" or "DE")) Assert.Contains("visa STUDENT of United Kingdom", seen);
                }
                break;
            case "d":
                Assert.Contains("secondary inspection", incidents.Replace("secondaryInspection", "secondary inspection"));
                // The pending application for permanent residence, by its type and state (its id only behind a caseworker's disclosure).
                var applications = await page.GetByRole(AriaRole.Table, new() { Name = "Visa applications" }).InnerTextAsync();
                Assert.Contains("PR", applications);
                Assert.Contains("pending", applications);
                break;
            case "e" when person == "demo-e1-vikram-nair":
                Assert.Contains("convicted", incidents);
                Assert.Contains("incident (arrest) in Australia, 2025-11-08", await SeesAsync(page, "US"));
                break;
            case "e":
                Assert.Contains("acquitted", incidents);
                Assert.Contains("incident (arrest) in Australia, 2025-11-08", await SeesAsync(page, "GB"));
                break;
            case "f":
                // The UK visitor rule (per visit, no chart) has a status line beside the Schengen and Türkiye windows.
                Assert.Contains("You can stay until", await page.Locator("section.card", new() { HasText = "United Kingdom visitor" }).InnerTextAsync());
                Assert.Equal(2, await page.Locator("svg.timeline").CountAsync());
                // Schengen states see the Schengen crossings; London is Britain's (and the US's), not France's.
                var fr = await SeesAsync(page, "FR");
                Assert.Contains("entry France 2025-03-01", fr);
                Assert.Contains("exit Croatia 2025-06-01", fr);
                Assert.DoesNotContain("United Kingdom 2025-03-20", fr);
                Assert.Contains("entry United Kingdom 2025-03-20", await SeesAsync(page, "US"));
                break;
            case "g":
                // A Canadian permanent resident: her residence and citizenship goals, in words first, then their figures.
                var residence = await page.Locator("#residence ~ section.card").AllInnerTextsAsync();
                Assert.Contains(residence, c => c.Contains("Canadian permanent residence: the residency obligation") && c.Contains("days in Canada"));
                Assert.Contains(residence, c => c.Contains("Canadian citizenship: physical presence") && c.Contains("half credit"));
                Assert.Equal("Residence and citizenship", await page.Locator("#residence").InnerTextAsync());
                break;
            default:
                Assert.Fail($"no expectation for demo case {who.Case}");
                break;
        }
        await ShotAsync(page, person, "traveller");
        await Axe.AssertNoViolationsAsync(page, $"{person}'s traveller page");
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task Each_demo_person_opens_as_a_history_summary(string person)
    {
        var who = DemoCases.People.Single(p => p.Key == person);
        var (context, page, id) = await AsPersonAsync(person);
        await using var _ = context;
        var text = await OpenAsync(page, $"/app/travellers/{id}/history-summary?years=10");
        Assert.Contains("you must read and answer each question yourself", await page.Locator("#statement").InnerTextAsync());
        Assert.Contains(id.ToString(), text);
        Assert.DoesNotContain("score", text, StringComparison.OrdinalIgnoreCase);

        string[] facts = who.Case switch
        {
            "a" => ["a-nz-traffic", "impoundment", "a-us-2023", "a-us-2024", "a-us-2025", "INA 214(b)", "a-nz-in"],
            "b" => ["b-ca-2024", "IRPR 179(b)", "b-us-b1b2", "b-us-in"],
            "c" => ["c-gb-landlord", "complainant", "c-gb-student", "c-gb-in"],
            "d" => ["d-us-secondary", "d-au-482", "d-us-b1b2", "d-au-pr"],
            "e" when person == "demo-e1-vikram-nair" => ["e1-au-arrest", "convicted", "e1-au-in"],
            "e" => ["e2-au-arrest", "acquitted", "e2-au-in"],
            "f" => ["f-fr-in", "f-it-in", "f-hr-out", "f-gb-in", "f-tr-in"],
            "g" => ["g-ca-in-2020", "g-ca-out-2025", "g-ca-in-2025"],
            _ => throw new InvalidOperationException($"no expectation for demo case {who.Case}"),
        };
        foreach (var fact in facts) Assert.Contains(fact, text);
        if (who.Case == "a")
        {
            // The refusals are the US's, and the impoundment is under the incidents where he was the subject.
            var refusals = await page.GetByRole(AriaRole.Table, new() { Name = "Visa refusals (state, date, ground)" }).InnerTextAsync();
            Assert.Equal(3, refusals.Split("INA 214(b)").Length - 1);
        }
        await ShotAsync(page, person, "history-summary");
        await Axe.AssertNoViolationsAsync(page, $"{person}'s history summary");
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task Each_demo_person_opens_as_a_compliance_report(string person)
    {
        var who = DemoCases.People.Single(p => p.Key == person);
        var (context, page, id) = await AsPersonAsync(person);
        await using var _ = context;
        // Case (f)'s European spring; the others over the months of their records (none was in the Schengen area).
        var range = who.Case switch
        {
            "a" => "from=2023-01-01&to=2023-06-30",
            "b" => "from=2024-01-01&to=2024-06-30",
            "c" => "from=2025-01-01&to=2025-06-30",
            "d" => "from=2026-01-01&to=2026-06-30",
            "e" => "from=2025-10-01&to=2026-03-31",
            _ => "from=2025-03-01&to=2025-06-30",
        };
        var text = await OpenAsync(page, $"/app/travellers/{id}/compliance?{range}&regime=schengen");
        Assert.Contains("Rule Schengen area short stay,", text); // by its name, and no record id for the traveller
        Assert.DoesNotContain(id.ToString(), text);
        var max = await page.Locator("#max-days").InnerTextAsync();
        if (who.Case == "f")
            Assert.Equal("Highest days used: 78 on 2025-06-01.", max); // Paris 20 days, Rome to Zagreb 58
        else
            Assert.StartsWith("Highest days used: 0", max);
        Assert.Contains("No unlawful day in this period.", text);
        await ShotAsync(page, person, "compliance");
        await Axe.AssertNoViolationsAsync(page, $"{person}'s compliance report");
    }

    [Fact]
    public async Task The_trip_planner_answers_case_fs_planned_spain_trip_leg_by_leg_through_the_itinerary_check()
    {
        const string person = "demo-f-emily-carter";
        var (context, page, id) = await AsPersonAsync(person);
        await using var _ = context;
        await OpenAsync(page, $"/app/travellers/{id}/plan");

        // By keyboard only: the first leg's fields in tab order, Enter submits.
        await page.Locator("#country0").FocusAsync();
        await page.Keyboard.TypeAsync("ES");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2025-07-01");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2025-07-30");
        await page.GetByLabel("Country, leg 2").FillAsync("Portugal");
        await page.GetByLabel("First day, leg 2").FillAsync("2025-08-01");
        await page.GetByLabel("Last day, leg 2").FillAsync("2025-08-03");
        await page.Locator("#to0").PressAsync("Enter");
        await page.WaitForSelectorAsync("#itinerary-answer");

        var legs = await page.Locator("#itinerary-answer > li > span").AllInnerTextsAsync();
        Assert.Equal(2, legs.Count);
        // 78 Schengen days used by 1 June (docs/examples.md): 12 are left for Spain.
        Assert.StartsWith("Spain 2025-07-01 to 2025-07-30: not lawful from 2025-07-13; the latest lawful last day is 2025-07-12;", legs[0]);
        Assert.EndsWith("rule: Schengen area short stay", legs[0]);
        // Summer 2025 is before the service's today: each leg says so.
        Assert.Contains("this leg lies in the past", await page.Locator("#itinerary-answer > li").First.InnerTextAsync());
        Assert.StartsWith("Portugal 2025-08-01 to 2025-08-03: not lawful", legs[1]);
        // The same answer as the API's route for the same legs.
        using var api = app.WithToken(app.TokenFor([Ledger.Access.Role.Traveller], traveller: id));
        var answer = await (await api.PostAsJsonAsync($"/travellers/{id}/itineraries/check",
            new { legs = new[] { new { country = "ES", from = "2025-07-01", to = "2025-07-30" } } })).Content.ReadAsStringAsync();
        Assert.Contains("\"latestLawfulLastDay\":\"2025-07-12\"", answer.Replace(" ", ""));
        await ShotAsync(page, person, "trip-planner");

        // A refused leg shows the API's own message at its field; what was typed stays.
        await page.Locator("#country0").FillAsync("ZZ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the trip" }).ClickAsync();
        Assert.Contains("Not checked (400)", await page.Locator("#itinerary-refusal").InnerTextAsync());
        Assert.Contains("legs[0].country", await page.Locator("#country0-error").InnerTextAsync());
        Assert.Equal("2025-07-01", await page.Locator("#from0").InputValueAsync());
        await ShotAsync(page, person, "trip-planner-refused");
        await Axe.AssertNoViolationsAsync(page, "the trip planner with a refused leg");
    }

    [Fact]
    public async Task A_caseworker_finds_demo_travellers_by_document_or_by_name_and_birth_and_opens_the_record()
    {
        var token = app.TokenFor([Role.Caseworker], DemoCases.Countries, subject: "caseworker-demo");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        var page = await context.NewPageAsync();
        // Every address the browser asks for, to show that what is typed never travels in one.
        var addresses = new List<string>();
        page.Request += (_, request) => addresses.Add(request.Method + " " + request.Url);
        await OpenAsync(page, "/app/caseworker");

        // A document without its issuing country: the API's message at the field, nothing found.
        await page.GetByLabel("Document number").FillAsync("DEMOA0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search by document" }).ClickAsync();
        Assert.Contains("issuingCountry is required with document", await page.Locator("#issuingCountry-error").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#matches").CountAsync());
        Assert.Contains("There is a problem", await page.Locator("#error-summary").InnerTextAsync());
        await ShotAsync(page, "demo-caseworker", "search-refused");
        await Axe.AssertNoViolationsAsync(page, "the caseworker's search with errors shown");

        // Case (a) by passport: one match, linking to his record.
        await page.GetByLabel("Issuing country").SelectOptionAsync("TO");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search by document" }).ClickAsync();
        var match = page.Locator("#matches a");
        Assert.Equal(1, await match.CountAsync());
        Assert.Contains(app.Id("demo-a-sione-havili").ToString(), await match.InnerTextAsync());
        await ShotAsync(page, "demo-caseworker", "search-found");
        await match.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/app/caseworker/travellers/"));
        Assert.Contains("impoundment", await page.Locator("main").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "case (a)'s record, as a caseworker");

        // Case (f)'s record as a caseworker reads it: identity as fields, the answer per rule, the forms it may use.
        await OpenAsync(page, $"/app/caseworker/travellers/{app.Id("demo-f-emily-carter")}");
        Assert.Equal("Carter", await page.Locator("#identity-fields dt:text-is('Family name') + dd").InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = "Record an issued visa" }).CountAsync());
        await ShotAsync(page, "demo-caseworker", "record-f");
        await Axe.AssertNoViolationsAsync(page, "case (f)'s record, as a caseworker");

        // Case (f) by family name and date of birth; a wrong date finds no one.
        await OpenAsync(page, "/app/caseworker");
        await page.GetByLabel("Family name").FillAsync("Carter");
        await page.GetByLabel("Day").FillAsync("30");
        await page.GetByLabel("Month").FillAsync("7");
        await page.GetByLabel("Year").FillAsync("1985");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search by name" }).ClickAsync();
        Assert.Contains(app.Id("demo-f-emily-carter").ToString(), await page.Locator("#matches").InnerTextAsync());
        await page.GetByLabel("Day").FillAsync("31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search by name" }).ClickAsync();
        Assert.Equal("No traveller matches.", await page.Locator("#no-match").InnerTextAsync());

        // The searches were posted (with the pages' antiforgery token) and answered in place: no address, not even the
        // one left in the browser's history, carries a value that was typed.
        Assert.Contains(addresses, a => a.StartsWith("POST ", StringComparison.Ordinal) && a.Contains("/app/caseworker?handler=name", StringComparison.Ordinal));
        Assert.Equal(2, await page.Locator("form[method=post] input[name=__RequestVerificationToken]").CountAsync());
        foreach (var typed in new[] { "DEMOA0001", "Carter", "1985-07-3" })
            Assert.DoesNotContain(addresses.Append(page.Url), a => a.Contains(typed, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_caseworker_page_neither_searches_from_a_query_string_nor_takes_a_post_without_its_token()
    {
        using var caseworker = app.ClientAs([Role.Caseworker], DemoCases.Countries);
        var html = await caseworker.GetStringAsync("/app/caseworker?familyName=Carter&dateOfBirth=1985-07-30&document=DEMOA0001&issuingCountry=TO");
        Assert.DoesNotContain("id=\"matches\"", html);
        Assert.DoesNotContain(app.Id("demo-f-emily-carter").ToString(), html);
        // A form posted from elsewhere (no antiforgery token) is refused before any search.
        var forged = await caseworker.PostAsync("/app/caseworker?handler=name",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["familyName"] = "Carter", ["dateOfBirth"] = "1985-07-30" }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(app.Id("demo-f-emily-carter").ToString(), await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_traveller_is_offered_no_search_of_the_register()
    {
        var (context, page, _) = await AsPersonAsync("demo-c-arjun-mehta");
        await using var __ = context;
        await OpenAsync(page, "/app/caseworker");
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Assert.Equal("This sign-in opens only its own record.", await page.Locator("#no-find").InnerTextAsync());
        Assert.Equal(0, await page.Locator("header a[href='/app/caseworker']").CountAsync());
        await Axe.AssertNoViolationsAsync(page, "the find page, as a traveller");
    }
}
