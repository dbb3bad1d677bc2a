using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Pages;

/// <summary>
/// What people read on the pages, over plain HTTP: the answer first in words for whoever reads, warnings once with
/// their state, the traveller's stays and crossings, no record ids but behind a caseworker's or auditor's "details",
/// navigation and forms that follow the API's rights.
/// </summary>
public class ReaderPageTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>The page's text without tags, with spaces as a person reads them.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));

    /// <summary>The page without its "details" disclosures: what a reader sees without opening them.</summary>
    private static string WithoutDetails(string html) => Regex.Replace(html, "<details.*?</details>", "", RegexOptions.Singleline);

    private static string Long(string iso) => DateOnly.Parse(iso).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_traveller_reads_you_and_a_caseworker_reads_this_traveller()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(traveller, "cdg-in-41", "entry", "FR", app.DaysAgo(20))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(traveller, "cdg-out-41", "exit", "FR", app.DaysAgo(11))).EnsureSuccessStatusCode();
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);
        using var caseworker = app.ClientAs([Role.Caseworker], ["FR"]);

        var mine = Text(await me.GetStringAsync($"/app/travellers/{traveller}"));
        // 10 days used, outside the area: a stay entered today may last until the window would hold 90 days.
        Assert.Matches(@"You can stay until \d{1,2} [A-Z][a-z]+ \d{4} \(\d+ days left\)\.", mine);
        Assert.DoesNotContain("This traveller", mine);
        var theirs = Text(await caseworker.GetStringAsync($"/app/travellers/{traveller}"));
        Assert.Matches(@"This traveller can stay until \d{1,2} [A-Z][a-z]+ \d{4} \(\d+ days left\)\.", theirs);
        Assert.DoesNotContain("You can stay", theirs);

        // The history page does not say "Your" to a caseworker, and does to the traveller.
        Assert.Contains("<h1>Travel history for a visa application</h1>", await caseworker.GetStringAsync($"/app/travellers/{traveller}/history-summary"));
        Assert.Contains("<h1>Your travel history for a visa application</h1>", await me.GetStringAsync($"/app/travellers/{traveller}/history-summary"));
    }

    [Fact]
    public async Task Inside_the_area_the_answer_is_when_to_leave_and_over_the_limit_by_how_many_days()
    {
        var inside = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(inside, "in", "entry", "ES", app.DaysAgo(9))).EnsureSuccessStatusCode();
        using var first = app.ClientAs([Role.Traveller], traveller: inside);
        // 10 days used today (entry day included): 80 more, the last lawful day is 80 days from today.
        Assert.Contains($"You must leave by {Long(app.DaysAgo(-80))} (81 days left).", Text(await first.GetStringAsync($"/app/travellers/{inside}")));

        var over = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(over, "in", "entry", "ES", app.DaysAgo(99))).EnsureSuccessStatusCode();
        using var second = app.ClientAs([Role.Traveller], traveller: over);
        // 100 days in the window: 10 over.
        Assert.Contains("You are over the limit by 10 days.", Text(await second.GetStringAsync($"/app/travellers/{over}")));
    }

    [Fact]
    public async Task A_withdrawn_warning_is_shown_once_as_withdrawn_with_when_and_why()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        // Keyed with the wrong year: an overstay warning, then the entry is voided and the warning withdrawn.
        (await app.RecordCrossingAsync(traveller, "typo-77", "entry", "GR", app.DaysAgo(100))).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{traveller}/crossings/typo-77/corrections", new { action = "void", reason = "keyed with the wrong year" })).EnsureSuccessStatusCode();
        await app.AlertsOfAsync(traveller, 2);
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);

        var html = await me.GetStringAsync($"/app/travellers/{traveller}");
        var text = Text(html);
        Assert.Single(Regex.Matches(text, "Over the limit: the stay went past its last lawful day"));
        Assert.Contains("Schengen area short stay: Over the limit", text);
        Assert.Single(Regex.Matches(html, "<li class=\"withdrawn\">"));
        Assert.DoesNotContain("<li class=\"active\">", html);
        Assert.Contains($"withdrawn on {Long(app.DaysAgo(0))}. The entry crossing of {Long(app.DaysAgo(100))} in Greece, which this warning rested on, is no longer on record (voided).", text);
        // No raw ids for the traveller: not the warning's, not the crossing's, not the record's own.
        Assert.DoesNotContain("typo-77", html);
        Assert.DoesNotContain(":schengen:overstay-started", html);
        Assert.DoesNotContain(traveller.ToString(), Text(WithoutDetails(html)).Replace($"/app/travellers/{traveller}", ""));

        // A caseworker and an auditor see the ids, behind a disclosure only.
        foreach (var roles in new[] { new[] { Role.Caseworker }, new[] { Role.Auditor } })
        {
            using var staff = app.ClientAs(roles, ["GR"]);
            var theirs = await staff.GetStringAsync($"/app/travellers/{traveller}");
            Assert.Contains(":schengen:overstay-started", theirs);
            Assert.DoesNotContain(":schengen:overstay-started", WithoutDetails(theirs));
            Assert.Contains("Stay entry crossing id", theirs);
        }
    }

    [Fact]
    public async Task The_travellers_stays_and_crossings_are_listed_with_their_sources_and_the_chart_has_its_figures_as_a_table()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        (await app.PostAsync($"/travellers/{traveller}/crossings", new { crossingId = "in-5", direction = "entry", country = "FR", date = app.DaysAgo(20), source = "passportStamp" })).EnsureSuccessStatusCode();
        (await app.PostAsync($"/travellers/{traveller}/crossings", new { crossingId = "out-5", direction = "exit", country = "FR", date = app.DaysAgo(11), source = "borderSystem", borderPoint = "Calais" })).EnsureSuccessStatusCode();
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);
        var html = await me.GetStringAsync($"/app/travellers/{traveller}");
        var text = Text(html);

        Assert.Contains("Your stays and crossings", text);
        Assert.Contains($"France {app.DaysAgo(20)} {app.DaysAgo(11)} 10 entry: passport stamp; exit: border system", text);
        Assert.Contains($"{app.DaysAgo(11)} exit France Calais border system", text);
        Assert.Contains($"{app.DaysAgo(20)} entry France — passport stamp", text);
        // The chart's text alternative: today's figure as in the chart's own caption.
        Assert.Contains($"{app.DaysAgo(0)} (today) 10 10 90", text);
        Assert.Contains("The chart's figures as a table (Schengen area short stay)", text);

        // What each state sees: the states asked by name or by code; the crossings by country name.
        var shared = await me.GetStringAsync($"/app/travellers/{traveller}?states=United%20Kingdom,fr");
        Assert.Contains("id=\"sees-GB\"", shared);
        Assert.Contains("id=\"sees-FR\"", shared);
        Assert.Contains($"entry France {app.DaysAgo(20)} · its own record", Text(shared));
        // A state that sees nothing is told why, in words.
        Assert.Contains("United Kingdom sees nothing", Text(shared));
        Assert.Contains("No sharing arrangement covers this traveller's records for GB: they are held by FR.", Text(shared));
    }

    [Fact]
    public async Task Navigation_offers_what_the_principal_may_open_and_the_api_link_answers()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);
        var mine = await me.GetStringAsync($"/app/travellers/{traveller}");
        Assert.DoesNotContain("href=\"/app/caseworker\"", mine);
        Assert.Contains($"href=\"/app/travellers/{traveller}\">Your record</a>", mine);
        using var caseworker = app.ClientAs([Role.Caseworker], ["FR"]);
        var theirs = await caseworker.GetStringAsync($"/app/travellers/{traveller}");
        Assert.Contains("href=\"/app/caseworker\">Find a record</a>", theirs);
        Assert.DoesNotContain(">Your record</a>", theirs);

        // This service runs without the interactive reference: the link is to the OpenAPI document, which answers without a token.
        var link = Regex.Match(mine, "<nav aria-label=\"Main\">.*?href=\"(/openapi[^\"]*)\"", RegexOptions.Singleline);
        Assert.True(link.Success, "the header links to the API document");
        Assert.DoesNotContain("href=\"/docs\"", mine);
        using var anonymous = app.Anonymous();
        var document = await anonymous.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("\"openapi\"", await document.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_caseworker_record_shows_identity_as_labelled_fields_and_only_the_forms_its_reader_may_use()
    {
        var response = await app.PostAsync("/travellers", new
        {
            nationalities = new[] { "US" }, givenNames = "Ada", familyName = "Lovelace", dateOfBirth = "1990-12-10",
            documents = new[] { new { type = "passport", number = "X1234567", issuingCountry = "US" } },
        });
        var traveller = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await app.RecordCrossingAsync(traveller, "cdg-in-9", "entry", "FR", app.DaysAgo(20))).EnsureSuccessStatusCode();

        using var caseworker = app.ClientAs([Role.Caseworker], ["FR"]);
        var html = await caseworker.GetStringAsync($"/app/caseworker/travellers/{traveller}");
        var identity = Regex.Match(html, "<dl class=\"fields\" id=\"identity-fields\">(.*?)</dl>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<dt>Given names</dt><dd>Ada</dd>", identity);
        Assert.Contains("<dt>Family name</dt><dd>Lovelace</dd>", identity);
        Assert.Contains("<dt>Date of birth</dt><dd>10 December 1990</dd>", identity);
        Assert.Contains("<dt>Nationality</dt><dd>United States (US)</dd>", identity);
        Assert.Contains("X1234567, issued by United States", Text(identity));
        // A caseworker records visas and incidents of its countries; crossings and their corrections are for recorders.
        Assert.DoesNotContain("Record a crossing", html);
        Assert.DoesNotContain("Correct or void a crossing", html);
        Assert.Contains("<h2 id=\"visa\">Record an issued visa</h2>", html);
        Assert.Contains("<option value=\"FR\">France (FR)</option>", html);
        Assert.DoesNotContain("<option value=\"DE\">", html.Split("id=\"visa\"")[1]);
        // No crossing id outside the disclosure.
        Assert.DoesNotContain("cdg-in-9", WithoutDetails(html));

        using var recorder = app.ClientAs([Role.Caseworker, Role.Recorder], ["FR"]);
        var theirs = await recorder.GetStringAsync($"/app/caseworker/travellers/{traveller}");
        Assert.Contains("<h2 id=\"crossing\">Record a crossing</h2>", theirs);
        Assert.Contains("<h2 id=\"correction\">Correct or void a crossing</h2>", theirs);
        Assert.Contains($"<option value=\"cdg-in-9\">{app.DaysAgo(20)}: entry France (border system)</option>", theirs);

        using var auditor = app.ClientAs([Role.Auditor]);
        var audited = await auditor.GetStringAsync($"/app/caseworker/travellers/{traveller}");
        Assert.Contains("id=\"no-forms\"", audited);
        Assert.DoesNotContain("<form method=\"post\"", audited);

        // The traveller on their own record: only their own crossing, as self-reported.
        using var me = app.ClientAs([Role.Traveller], traveller: traveller);
        var own = await me.GetStringAsync($"/app/caseworker/travellers/{traveller}");
        Assert.Contains("<h2 id=\"crossing\">Record a crossing</h2>", own);
        Assert.Contains("<option value=\"selfReported\">reported by the traveller</option>", own);
        Assert.DoesNotContain("<option value=\"borderSystem\">", own);
    }
}
