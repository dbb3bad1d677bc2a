using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Imports;
using Ledger.Tests.Support;

namespace Ledger.Tests.Imports;

/// <summary>The <c>import</c> verb against the real service: a summary line by line, safe to run twice, one line for bad input.</summary>
public class ImportCommandTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private string Url => app.Anonymous().BaseAddress!.ToString();
    private string Token => app.TokenFor([Role.Recorder], ["FR", "DE"], subject: "import-cli");

    private static string FileWith(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = ImportCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_csv_with_the_import_columns_is_recorded_then_already_present_with_refused_lines_named_by_file_line()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        var csv = FileWith("trips.csv", $"""
            travellerId,entry,exit,country,crossingId,borderPoint
            {traveller},{app.DaysAgo(40)},{app.DaysAgo(30)},FR,trip-1,CDG
            {traveller},{app.DaysAgo(20)},,DE,trip-2,FRA
            {traveller},not-a-date,,FR,trip-3,CDG
            """);
        // Two lines per request: the refused line still carries its own line number in the file.
        var first = Run(csv, "--url", Url, "--token", Token, "--part-lines", "2");
        Assert.Equal(1, first.Exit);
        Assert.Contains("3 recorded, 0 already present, 1 refused", first.Out);
        Assert.Contains("line 4: refused:", first.Out);

        var second = Run(csv, "--url", Url, "--token", Token, "--part-lines", "2");
        Assert.Contains("0 recorded, 3 already present, 1 refused", second.Out);
        var crossings = await app.GetJsonAsync($"/travellers/{traveller}/crossings");
        Assert.Equal(3, crossings.GetProperty("crossings").GetArrayLength());
    }

    [Fact]
    public async Task Json_lines_are_sent_as_json_lines()
    {
        var traveller = await app.RegisterTravellerAsync("US");
        var file = FileWith("feed.jsonl",
            $$"""{"travellerId":"{{traveller}}","crossingId":"j1","direction":"entry","country":"FR","date":"{{app.DaysAgo(5)}}"}""" + "\n");
        var (exit, output, _) = Run(file, "--url", Url, "--token", Token);
        Assert.Equal(0, exit);
        Assert.Contains("1 recorded, 0 already present, 0 refused", output);
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("bad-token")]
    [InlineData("bad-url")]
    public void Bad_input_is_one_readable_line_and_a_non_zero_exit(string kind)
    {
        var file = FileWith("x.csv", "travellerId,entry,exit,country\n");
        var (exit, output, error) = kind switch
        {
            "missing-file" => Run("/nonexistent/trips.csv", "--url", Url),
            "bad-token" => Run(FileWith("y.csv", $"travellerId,entry,exit,country\n{Guid.NewGuid()},2025-01-01,,FR\n"), "--url", Url, "--token", "not-a-token"),
            _ => Run(file, "--url", "ftp://example"),
        };
        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("import:"));
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.True(line.Length < 300, line);
    }
}
