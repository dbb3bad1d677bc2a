using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Hosting;
using Spectre.Console;

namespace Ledger.Imports;

/// <summary>
/// <c>import FILE --url URL [--token T]</c>: sends a file of crossings (CSV as <c>stays</c> reads it plus the import
/// columns, or JSON lines) to a running service's <c>POST /imports</c>, in parts, with a progress bar on stderr, and
/// prints a summary on stdout: recorded, already present and refused, each refused line with its file line number and
/// reason. Safe to run twice: the import ids derive from the file's content and crossing ids make every line
/// idempotent, so a second run records nothing new. Exit codes: 0 every line recorded or already present, 1 some lines
/// refused, 2 bad input (one line on stderr).
/// </summary>
public static class ImportCommand
{
    /// <summary>Lines per request: well under the service's 100,000-line limit, small enough to show progress.</summary>
    public const int DefaultPartLines = 5000;

    public sealed class ImportFailed(string message) : Exception(message);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null)
    {
        var file = new Argument<string>("FILE") { Description = "CSV (header: travellerId,entry,exit,country[,crossingId,time,timeZone,borderPoint,source,admittedUntil]) or JSON lines (.jsonl/.ndjson)" };
        var url = new Option<string>("--url") { Description = "the service, e.g. http://127.0.0.1:5080", Required = true };
        var token = new Option<string?>("--token") { Description = "bearer token (default: the LEDGER_TOKEN environment variable)" };
        var importId = new Option<string?>("--import-id") { Description = "import id (default: derived from the file's content, so a rerun resumes)" };
        var partLines = new Option<int>("--part-lines") { Description = "lines per request", DefaultValueFactory = _ => DefaultPartLines };
        var verb = new Command("import", "send a file of crossings to a running service (POST /imports) and summarise what was recorded");
        verb.Arguments.Add(file);
        verb.Options.Add(url);
        verb.Options.Add(token);
        verb.Options.Add(importId);
        verb.Options.Add(partLines);
        verb.SetAction(r => RunAsync(r.GetValue(file)!, r.GetValue(url)!, r.GetValue(token) ?? Environment.GetEnvironmentVariable("LEDGER_TOKEN"),
            r.GetValue(importId), r.GetValue(partLines), stdout, stderr, handler).GetAwaiter().GetResult());
        return CommandLineRunner.Run(verb, args, stdout, stderr,
            e => e is ImportFailed or IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException or UriFormatException);
    }

    private sealed record Part(int FirstFileLine, string Body, int Lines);

    private static async Task<int> RunAsync(string path, string url, string? token, string? importId, int partLines, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler)
    {
        if (partLines is < 1 or > 100_000) throw new ImportFailed("--part-lines must be between 1 and 100000");
        if (!File.Exists(path)) throw new ImportFailed($"file '{path}' not found");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https"))
            throw new ImportFailed($"--url '{url}' is not an http(s) address");
        var bytes = await File.ReadAllBytesAsync(path);
        var text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n");
        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        var csv = IsCsv(path, lines);
        var contentType = csv ? ImportLines.CsvType : "application/x-ndjson";
        var parts = Split(lines, csv, partLines);
        if (parts.Count == 0) throw new ImportFailed(csv ? "the CSV file has a header but no lines" : "the file holds no lines");
        var baseId = importId ?? "cli-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = service;
        http.Timeout = TimeSpan.FromMinutes(10);
        if (!string.IsNullOrWhiteSpace(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());

        var answers = new List<(Part Part, ImportAnswer Answer)>();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        await console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var bar = progress.AddTask($"Importing {Path.GetFileName(path)}", maxValue: parts.Sum(p => p.Lines));
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                var id = parts.Count == 1 ? baseId : $"{baseId}-p{i + 1}";
                using var content = new StringContent(part.Body, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
                using var response = await http.PostAsync($"imports?importId={Uri.EscapeDataString(id)}", content);
                if (!response.IsSuccessStatusCode) throw new ImportFailed(await RefusalAsync(response));
                var answer = await response.Content.ReadFromJsonAsync<ImportAnswer>(LedgerJson.Options)
                    ?? throw new ImportFailed("the service answered without a result");
                answers.Add((part, answer));
                bar.Increment(part.Lines);
            }
        });

        var recorded = answers.Sum(a => a.Answer.Recorded);
        var present = answers.Sum(a => a.Answer.AlreadyPresent);
        var refused = answers.Sum(a => a.Answer.Refused);
        stdout.WriteLine($"{Path.GetFileName(path)}: {recorded} recorded, {present} already present, {refused} refused");
        foreach (var (part, answer) in answers)
            foreach (var line in answer.Results.Where(r => r.Outcome == ImportOutcome.Refused))
                stdout.WriteLine($"line {FileLine(part, line.Line, csv)}: refused: {line.Reason}");
        return refused == 0 ? 0 : 1;
    }

    /// <summary>CSV unless the name says JSON lines, or the first non-blank line opens a JSON object.</summary>
    private static bool IsCsv(string path, string[] lines)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson" or ".json") return false;
        if (extension == ".csv") return true;
        return !(lines.FirstOrDefault(l => l.Trim().Length > 0)?.TrimStart().StartsWith('{') ?? false);
    }

    /// <summary>Parts of at most <paramref name="size"/> lines; a CSV part repeats the header (which is line 1 of each request).</summary>
    private static List<Part> Split(string[] lines, bool csv, int size)
    {
        var parts = new List<Part>();
        var first = csv ? 1 : 0;
        if (csv && lines.Length == 0) return parts;
        for (var start = first; start < lines.Length; start += size)
        {
            var chunk = lines[start..Math.Min(lines.Length, start + size)];
            var body = string.Join('\n', csv ? [lines[0], .. chunk] : chunk) + "\n";
            parts.Add(new Part(start + 1, body, chunk.Length));
        }
        return parts;
    }

    /// <summary>The file's line number of a line the service numbered within one request.</summary>
    private static int FileLine(Part part, int requestLine, bool csv) => part.FirstFileLine + requestLine - (csv ? 2 : 1);

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
                return $"the service refused the file ({status}): {text}";
        }
        catch (JsonException) { }
        return $"the service refused the file ({status} {response.ReasonPhrase})";
    }
}
