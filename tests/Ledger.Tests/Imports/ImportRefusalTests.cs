using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using static Ledger.Tests.Imports.ImportsApp;

namespace Ledger.Tests.Imports;

/// <summary>
/// Refusals: a bad or forbidden line is refused alone, with its line number, and the good lines are recorded; a file
/// the ledger cannot take as a whole (no import id, unknown format, too many lines, another file under a used id) and
/// a principal that may record no crossing at all are refused whole, with nothing recorded.
/// </summary>
public class ImportRefusalTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static string NewImportId() => $"import-{Guid.NewGuid():N}";

    private static Dictionary<int, (string Outcome, string? Reason)> ByLine(JsonElement answer) =>
        answer.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(),
            r => (r.GetProperty("outcome").GetString()!, r.GetProperty("reason").GetString()));

    private async Task<JsonElement> ImportOkAsync(string content, HttpClient? client = null, string mediaType = JsonLines)
    {
        var response = await app.ImportAsync(NewImportId(), content, mediaType, client);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Malformed_lines_are_refused_with_their_line_numbers_and_the_good_lines_are_recorded()
    {
        var (a, b) = (await app.RegisterTravellerAsync(), await app.RegisterTravellerAsync());
        (await app.RecordCrossingAsync(b, "known", "entry", "IT", app.DaysAgo(40))).EnsureSuccessStatusCode();
        var unknown = Guid.NewGuid();
        var file = string.Join("\n",
            Line(a, "in", "entry", "FR", app.DaysAgo(10)),                 // 1 recorded
            "{ not json",                                                  // 2
            Line(a, "bad-date", "entry", "FR", "2024-02-30"),               // 3
            "",                                                            // 4 blank: skipped, counted
            Line(b, "future", "entry", "FR", app.DaysAgo(-3)),              // 5
            """{"crossingId":"x","direction":"entry","country":"FR","date":"2024-01-01"}""", // 6 no traveller
            Line(unknown, "in", "entry", "FR", app.DaysAgo(1)),             // 7 unknown traveller
            Line(b, "known", "entry", "ES", app.DaysAgo(40)),               // 8 stored with other content
            Line(a, "in", "entry", "DE", app.DaysAgo(10)),                  // 9 earlier in this file with other content
            Line(a, "in", "entry", "FR", app.DaysAgo(10)),                  // 10 the same crossing twice in the file
            Line(b, "out", "exit", "IT", app.DaysAgo(30)),                  // 11 recorded
            """{"travellerId":"x","crossingId":1}""",                         // 12 a number where a string belongs
            Line(a, "lone", "entry", "FR", app.DaysAgo(3)).Replace("lone", "lone\\ud800"), // 13 an escaped lone surrogate
            Line(a, "nul", "entry", "FR", app.DaysAgo(3)).Replace("nul", "nul\\u0000"));    // 14 an escaped NUL
        var versionOfB = await app.StreamVersionAsync(b);

        var answer = await ImportOkAsync(file);

        var lines = ByLine(answer);
        Assert.Equal(13, lines.Count);
        Assert.Equal(14, answer.GetProperty("lines").GetInt32());
        Assert.Equal((2, 1, 10), (answer.GetProperty("recorded").GetInt32(), answer.GetProperty("alreadyPresent").GetInt32(), answer.GetProperty("refused").GetInt32()));
        Assert.Equal("recorded", lines[1].Outcome);
        Assert.Equal("recorded", lines[11].Outcome);
        Assert.Equal("alreadyPresent", lines[10].Outcome);
        Assert.Contains("not a JSON object", lines[2].Reason);
        Assert.Equal("date 2024-02-30 is not a day of the calendar", lines[3].Reason);
        Assert.Contains("future", lines[5].Reason);
        Assert.Equal("travellerId is missing", lines[6].Reason);
        Assert.Equal($"traveller {unknown} is not registered", lines[7].Reason);
        Assert.Contains("country (IT vs ES)", lines[8].Reason);
        Assert.Contains("appears on line 1 with different content", lines[9].Reason);
        Assert.Equal("travellerId 'x' is not a UUID; crossingId must be a string; direction is missing (one of: entry, exit); " +
            "country is missing; date is missing (an ISO date, yyyy-MM-dd)", lines[12].Reason);
        Assert.Contains("unpaired surrogates", lines[13].Reason);
        Assert.Contains("control characters", lines[14].Reason);
        Assert.Equal(versionOfB + 1, await app.StreamVersionAsync(b));
        Assert.Equal(11, await app.SchengenDaysUsedAsync(a)); // inside since 10 days ago
    }

    /// <summary>The bodies a single write refuses with 400, each sent as an import line of the same traveller.</summary>
    public static TheoryData<string> BadCrossings => new()
    {
        """{"crossingId":"c","direction":"entry","country":"FRA"}""",                                 // date missing, country not a code
        """{"crossingId":"c","direction":"sideways","country":"FR","date":"2024-13-01"}""",        // not an enum value, not a date
        """{"crossingId":"c","direction":"1","country":"FR","date":"2024-01-01","time":"25:00"}""", // a number for an enum, not a time
        """{"crossingId":"c","direction":"entry,exit","country":"FR","date":"2024-01-01"}""",      // a comma list for an enum
        """{"crossingId":"c","direction":"entry","country":"FR","date":"2024-01-01","time":"08:30","timeZone":"Mars/Base"}""", // domain: unknown zone
        """{"crossingId":"c","direction":"exit","country":"CA","date":"2024-01-01","admittedUntil":"2024-02-01"}""", // domain: admittedUntil on an exit
        """{"crossingId":"","direction":"entry","country":"FR","date":"2024-01-01","borderPoint":7}""", // empty id, a number for text
    };

    [Theory]
    [MemberData(nameof(BadCrossings))]
    public async Task A_malformed_line_is_refused_with_the_message_of_a_single_writes_400_every_problem_at_once(string crossing)
    {
        var traveller = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(traveller);
        var single = await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{traveller}/crossings",
            new StringContent(crossing, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        var line = crossing.Replace("{", $$"""{"travellerId":"{{traveller}}",""");
        var answer = ByLine(await ImportOkAsync(line));

        Assert.Equal(("refused", single.GetProperty("detail").GetString()), answer[1]);
        Assert.Equal(before, await app.StreamVersionAsync(traveller));
    }

    [Fact]
    public async Task A_csv_row_is_checked_as_a_single_write_is()
    {
        var traveller = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(traveller);
        var answer = ByLine(await ImportOkAsync(string.Join("\n",
            "travellerId,entry,exit,country,time,admittedUntil",
            $"{traveller},2024-13-01,,FR,,",                // 2: not a date
            $"{traveller},2024-01-01,,FRA,,",               // 3: not a country code
            $"{traveller},,2024-01-05,FR,08:30,",           // 4: a time needs a zone
            $"{traveller},,2024-01-05,CA,,2024-02-01",      // 5: admittedUntil on an exit
            "not-an-id,2024-01-01,,FR,,"), mediaType: "text/csv"));

        Assert.Equal(("refused", "date 2024-13-01 is not a day of the calendar"), answer[2]);
        Assert.Equal(("refused", "country 'FRA' is not an ISO 3166-1 alpha-2 country code (upper case, e.g. FR)"), answer[3]);
        Assert.Equal(("refused", "time needs a timeZone (IANA id) so that the moment is unambiguous"), answer[4]);
        Assert.Equal(("refused", "admittedUntil is given on entries only"), answer[5]);
        Assert.Equal(("refused", "travellerId 'not-an-id' is not a UUID"), answer[6]);
        Assert.Equal(before, await app.StreamVersionAsync(traveller));
    }

    [Fact]
    public async Task A_line_the_caller_may_not_record_is_refused_alone_and_tells_nothing_of_the_traveller()
    {
        var (a, b) = (await app.RegisterTravellerAsync(), await app.RegisterTravellerAsync());
        using var france = app.ClientAs([Role.Recorder], ["FR"]);
        var answer = ByLine(await ImportOkAsync(string.Join("\n",
            Line(a, "in", "entry", "FR", app.DaysAgo(5)), Line(a, "x", "exit", "DE", app.DaysAgo(2)), Line(Guid.NewGuid(), "x", "exit", "DE", app.DaysAgo(2))), france));
        Assert.Equal("recorded", answer[1].Outcome);
        Assert.Equal(("refused", "this token may not record crossings in DE"), answer[2]);
        Assert.Equal(answer[2], answer[3]); // known or unknown traveller: the same refusal

        using var traveller = app.ClientAs([Role.Traveller], traveller: b);
        var own = ByLine(await ImportOkAsync(string.Join("\n",
            Line(b, "self", "entry", "FR", app.DaysAgo(3), "selfReported"), Line(b, "border", "entry", "FR", app.DaysAgo(3)), Line(a, "other", "entry", "FR", app.DaysAgo(3), "selfReported")), traveller));
        Assert.Equal("recorded", own[1].Outcome);
        Assert.Equal(("refused", "a traveller records its own crossings with source selfReported only"), own[2]);
        Assert.Equal(("refused", "this token may not record crossings in FR"), own[3]);
    }

    [Theory]
    [InlineData(Role.Caseworker)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Partner)]
    public async Task A_principal_that_may_record_no_crossing_is_refused_the_whole_import(Role role)
    {
        var a = await app.RegisterTravellerAsync();
        using var client = app.ClientAs([role], ["FR"]);
        var before = await app.StreamVersionAsync(a);
        await Problem.AssertAsync(await app.ImportAsync(NewImportId(), Line(a, "in", "entry", "FR", app.DaysAgo(1)), client: client), HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.StreamVersionAsync(a));
    }

    [Fact]
    public async Task A_file_that_cannot_be_taken_as_a_whole_is_400_and_records_nothing()
    {
        var a = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(a);
        var line = Line(a, "in", "entry", "FR", app.DaysAgo(1));
        async Task<string?> Refused(HttpResponseMessage response) => (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString();

        Assert.Equal("importId is missing", await Refused(await app.Http.PostAsync("/imports", new StringContent(line, null, JsonLines))));
        Assert.Contains("Content-Type must be", await Refused(await app.ImportAsync(NewImportId(), line, "text/plain")));
        Assert.Contains("at most 50 lines", await Refused(await app.ImportAsync(NewImportId(), string.Join("\n", Enumerable.Repeat(line, MaxLines + 1)))));
        Assert.Contains("unknown column 'colour'", await Refused(await app.ImportAsync(NewImportId(), "entry,exit,country,travellerId,colour\n", "text/csv")));
        Assert.Contains("travellerId' is required", await Refused(await app.ImportAsync(NewImportId(), "entry,exit,country\n2024-01-01,,FR\n", "text/csv")));
        Assert.Equal("the file holds no crossings", await Refused(await app.ImportAsync(NewImportId(), "\n\n")));
        Assert.Equal(before, await app.StreamVersionAsync(a));
    }

    [Fact]
    public async Task An_import_id_names_one_file_of_one_principal()
    {
        var a = await app.RegisterTravellerAsync();
        var importId = NewImportId();
        Assert.Equal(HttpStatusCode.OK, (await app.ImportAsync(importId, Line(a, "in", "entry", "FR", app.DaysAgo(9)))).StatusCode);
        var before = await app.StreamVersionAsync(a);

        await Problem.AssertAsync(await app.ImportAsync(importId, Line(a, "out", "exit", "FR", app.DaysAgo(2))), HttpStatusCode.Conflict);
        using var other = app.ClientAs([Role.Recorder], ["FR"], subject: "another-feed");
        await Problem.AssertAsync(await app.ImportAsync(importId, Line(a, "in", "entry", "FR", app.DaysAgo(9)), client: other), HttpStatusCode.Conflict);
        Assert.Equal(before, await app.StreamVersionAsync(a));
    }

    [Fact]
    public async Task A_body_over_the_import_limit_is_413_and_records_nothing()
    {
        var a = await app.RegisterTravellerAsync();
        var before = await app.StreamVersionAsync(a);
        // Fewer than the 50 lines allowed, but longer than 64 KiB in all.
        var line = Line(a, "in", "entry", "FR", app.DaysAgo(1)) + new string(' ', 2000);
        var body = string.Join("\n", Enumerable.Repeat(line, 40));
        await Problem.AssertAsync(await app.ImportAsync(NewImportId(), body), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await app.StreamVersionAsync(a));
    }
}
