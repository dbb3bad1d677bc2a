using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Ledger.Crossings;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Stays.CommandLine;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Imports;

/// <summary>The field an import line has beside the body of <c>POST /travellers/{id}/crossings</c>: whose crossing it is.</summary>
public sealed record ImportLineRequest([property: Required] Guid? TravellerId);

/// <summary>
/// One crossing of an import file (a CSV stay row has two): its line (1-based), its ids as written (shown in the
/// answer), and either whose it is and the typed crossing, or why the line is refused.
/// </summary>
public sealed record ImportedCrossing(int Line, string? TravellerId, string? CrossingId, Guid Traveller, CrossingInput? Input, string? Problem)
{
    public static ImportedCrossing Unreadable(int line, string reason) => new(line, null, null, Guid.Empty, null, reason);
}

/// <summary>What a file holds: one entry per crossing its lines describe or per line it refuses, and how many lines there were.</summary>
public sealed record ImportFile(IReadOnlyList<ImportedCrossing> Crossings, int Lines);

/// <summary>
/// Reads the two import formats. Blank lines are skipped but counted, so line numbers are those of an editor.
/// <list type="bullet">
/// <item><b>JSON lines</b> (<c>application/x-ndjson</c>, <c>application/jsonl</c>): one object per line with the fields of
/// <c>POST /travellers/{id}/crossings</c> plus <c>travellerId</c>.</item>
/// <item><b>CSV</b> (<c>text/csv</c>): the <c>stays</c> CLI's columns <c>entry,exit,country</c> (see <see cref="CsvHistory"/>)
/// plus <c>travellerId</c> (required) and the optional <c>crossingId,time,timeZone,borderPoint,source,admittedUntil</c>,
/// in any order, named by the header (line 1). A row with both dates is a stay: two crossings, ids
/// <c>{crossingId}/entry</c> and <c>{crossingId}/exit</c>, <c>admittedUntil</c> going with the entry. Without a
/// <c>crossingId</c> column the id is derived from the crossing itself (<c>entry-FR-2024-05-01</c>), so a resent file
/// names the same crossings.</item>
/// </list>
/// Every crossing is checked as <c>POST /travellers/{id}/crossings</c> checks its body, by the same code (the request
/// model's shape, then <see cref="RecordCrossingRequest.Validate"/>): the same messages, every problem of a line at once.
/// Errors in the file as a whole (no header, unknown columns, too many lines) are a 400 for the whole request; errors in
/// a line refuse that line only.
/// </summary>
public static class ImportLines
{
    public static readonly string[] JsonLinesTypes = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];
    public const string CsvType = "text/csv";

    private static readonly string[] CsvColumns = ["entry", "exit", "country", "travellerId", "crossingId", "time", "timeZone", "borderPoint", "source", "admittedUntil"];

    /// <summary>The two models one line is read as: whose crossing it is, and the crossing as a single write's body.</summary>
    private static readonly Type[] LineModels = [typeof(ImportLineRequest), typeof(RecordCrossingRequest)];

    public static bool IsJsonLines(string? mediaType) => JsonLinesTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);

    public static bool IsCsv(string? mediaType) => string.Equals(mediaType, CsvType, StringComparison.OrdinalIgnoreCase);

    public static ImportFile ReadJsonLines(TextReader reader, int maxLines, TimeProvider clock)
    {
        var (lines, count) = NonBlankLines(reader, 0, maxLines);
        return new ImportFile(CheckAll(lines, (number, line) => [JsonLine(number, line, clock)]), count);
    }

    /// <summary>Why a JSON line that does not parse as an object is refused (the parser's own message may quote the line).</summary>
    private const string NotAnObject = "not a JSON object (one crossing per line)";

    private static ImportedCrossing JsonLine(int number, string line, TimeProvider clock)
    {
        // What a single write's body is refused for before it is parsed (escaped control characters, lone surrogates).
        if (ScreenRequests.EscapedTextProblem(line) is { } problem) return ImportedCrossing.Unreadable(number, problem);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return ImportedCrossing.Unreadable(number, NotAnObject);
        }
        using (parsed)
            return parsed.RootElement.ValueKind == JsonValueKind.Object
                ? Check(number, parsed.RootElement, clock)
                : ImportedCrossing.Unreadable(number, NotAnObject);
    }

    /// <summary>The lines that are not blank, with their numbers (blank lines are counted), and how many lines there were.</summary>
    private static (List<(int Number, string Line)> Lines, int Count) NonBlankLines(TextReader reader, int number, int maxLines)
    {
        var lines = new List<(int, string)>();
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (lines.Count == maxLines) throw TooMany(maxLines);
            lines.Add((number, line));
        }
        return (lines, number);
    }

    /// <summary>
    /// Checks every line, on every core (lines are independent, and an import's whole file is checked before its first
    /// transaction starts), keeping file order.
    /// </summary>
    private static List<ImportedCrossing> CheckAll(List<(int Number, string Line)> lines, Func<int, string, IReadOnlyList<ImportedCrossing>> check)
    {
        var checkedLines = new IReadOnlyList<ImportedCrossing>[lines.Count];
        Parallel.For(0, lines.Count, i => checkedLines[i] = check(lines[i].Number, lines[i].Line));
        return checkedLines.SelectMany(c => c).ToList();
    }

    public static ImportFile ReadCsv(TextReader reader, int maxLines, TimeProvider clock)
    {
        var header = reader.ReadLine()?.Trim().TrimStart('\uFEFF');
        if (string.IsNullOrEmpty(header))
            throw LedgerProblem.BadRequest($"line 1: expected a header naming the columns ({string.Join(",", CsvColumns)}); the first three as in the stays CLI ('{CsvHistory.Header}'), plus travellerId");
        var names = header.Split(',').Select(n => n.Trim()).ToArray();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            var known = CsvColumns.FirstOrDefault(c => string.Equals(c, names[i], StringComparison.OrdinalIgnoreCase))
                ?? throw LedgerProblem.BadRequest($"line 1: unknown column '{Parse.Shown(names[i])}'; columns are {string.Join(", ", CsvColumns)}");
            if (!index.TryAdd(known, i)) throw LedgerProblem.BadRequest($"line 1: column '{known}' appears twice");
        }
        foreach (var required in new[] { "country", "travellerId" })
            if (!index.ContainsKey(required)) throw LedgerProblem.BadRequest($"line 1: the column '{required}' is required");
        if (!index.ContainsKey("entry") && !index.ContainsKey("exit")) throw LedgerProblem.BadRequest("line 1: an 'entry' or an 'exit' column is required");

        var (lines, count) = NonBlankLines(reader, 1, maxLines);
        return new ImportFile(CheckAll(lines, (number, line) =>
        {
            if (line.Contains('"')) return [ImportedCrossing.Unreadable(number, "quoted fields are not supported")];
            var fields = line.Split(',');
            if (fields.Length != names.Length) return [ImportedCrossing.Unreadable(number, $"expected {names.Length} fields as in the header, found {fields.Length}")];
            string? Field(string column) => index.TryGetValue(column, out var i) && fields[i].Trim() is { Length: > 0 } v ? v : null;
            return CsvRow(number, Field, clock);
        }), count);
    }

    /// <summary>One CSV row: a single crossing (one date) or a stay (both dates: its entry and its exit).</summary>
    private static IReadOnlyList<ImportedCrossing> CsvRow(int line, Func<string, string?> field, TimeProvider clock)
    {
        string? entry = field("entry"), exit = field("exit"), id = field("crossingId");
        if (entry is null && exit is null) return [ImportedCrossing.Unreadable(line, "entry and exit are both empty; give at least one")];
        if (entry is not null && exit is not null)
        {
            // As in the stays CLI: a stay's exit is not before its entry (both dates must parse for the check to mean anything).
            if (DateOnly.TryParseExact(entry, "yyyy-MM-dd", out var e) && DateOnly.TryParseExact(exit, "yyyy-MM-dd", out var x) && x < e)
                return [ImportedCrossing.Unreadable(line, $"exit {exit} is before entry {entry}")];
            if (field("time") is not null) return [ImportedCrossing.Unreadable(line, "time is for rows with one crossing (entry or exit, not both)")];
        }
        var result = new List<ImportedCrossing>(2);
        foreach (var (direction, date) in new[] { ("entry", entry), ("exit", exit) })
        {
            if (date is null) continue;
            // The row's fields as the JSON object a single write would send (all text; the checks type them).
            var fields = new Dictionary<string, string>
            {
                ["crossingId"] = id is null ? $"{direction}-{field("country")}-{date}" : entry is not null && exit is not null ? $"{id}/{direction}" : id,
                ["direction"] = direction,
                ["date"] = date,
            };
            foreach (var column in (string[])["travellerId", "country", "time", "timeZone", "borderPoint", "source"])
                if (field(column) is { } value) fields[column] = value;
            // A stay's officer-set last day belongs to its entry; on a row with an exit only it is refused as on a single write.
            if (field("admittedUntil") is { } until && !(direction == "exit" && entry is not null)) fields["admittedUntil"] = until;
            result.Add(Check(line, JsonSerializer.SerializeToElement(fields), clock));
        }
        return result;
    }

    /// <summary>
    /// One crossing's fields checked as a single write checks its body: the request model's shape (<see cref="RequestShape"/>),
    /// then the domain rules (<see cref="RecordCrossingRequest.Validate"/>), every problem of the line in its reason.
    /// </summary>
    private static ImportedCrossing Check(int line, JsonElement fields, TimeProvider clock)
    {
        string? Text(string name) => fields.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var errors = RequestShape.Check(fields, LineModels);
        if (!errors.Any)
        {
            var traveller = fields.Deserialize<ImportLineRequest>(LedgerJson.Options)!.TravellerId!.Value;
            var crossing = fields.Deserialize<RecordCrossingRequest>(LedgerJson.Options)!;
            // The all-zero id names no traveller (no registration makes it, and no stream can be fetched by it).
            if (traveller == Guid.Empty) errors.Add("travellerId", $"travellerId {traveller} names no traveller");
            crossing.Validate("", clock, errors);
            if (!errors.Any) return new ImportedCrossing(line, Text("travellerId"), Text("crossingId"), traveller, crossing.ToInput(), null);
        }
        return new ImportedCrossing(line, Text("travellerId"), Text("crossingId"), Guid.Empty, null, errors.ToValidationProblem().Detail);
    }

    private static LedgerProblem TooMany(int maxLines) =>
        LedgerProblem.BadRequest($"an import holds at most {maxLines:N0} lines; split the file (nothing was recorded)");
}
