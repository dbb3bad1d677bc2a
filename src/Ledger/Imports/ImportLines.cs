using System.Text.Json;
using Ledger.Crossings;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Stays.CommandLine;

namespace Ledger.Imports;

/// <summary>One crossing of an import file as the client wrote it, with the line it came from (1-based).</summary>
public sealed record ImportedCrossing(int Line, string? TravellerId, CrossingText Crossing);

/// <summary>A crossing's fields as text (a CSV row, a JSON line), before they are typed.</summary>
public sealed record CrossingText(
    string? CrossingId, string? Direction, string? Country, string? Date, string? Time, string? TimeZone, string? BorderPoint, string? Source)
{
    /// <summary>
    /// The typed crossing, checked by the same rules as a single write's body (<see cref="RecordCrossingRequest.Validate"/>);
    /// null, with every problem by field in <paramref name="errors"/>, when it is not one.
    /// </summary>
    public CrossingInput? ToInput(TimeProvider clock, FieldErrors errors)
    {
        var crossingId = errors.Check("crossingId", () => Parse.Required(CrossingId, "crossingId"));
        var direction = errors.Check("direction", () => (Direction?)Parse.Enum<Direction>(Direction, "direction", null));
        var country = errors.Check("country", () => Parse.Required(Country, "country", 2));
        var date = errors.Check("date", () => (DateOnly?)Parse.Date(Date, "date"));
        var time = errors.Check("time", () => Parse.OptionalTime(Time, "time"));
        var borderPoint = errors.Check("borderPoint", () => Parse.Optional(BorderPoint, "borderPoint"));
        var source = errors.Check("source", () => (CrossingSource?)Parse.Enum<CrossingSource>(Source, "source", CrossingSource.BorderSystem));
        var request = new RecordCrossingRequest(crossingId, direction, country, date, time, TimeZone, borderPoint, source);
        if (!errors.Any) request.Validate("", clock, errors);
        return errors.Any ? null : request.ToInput();
    }
}

/// <summary>A line that could not even be read as a crossing (bad JSON, a CSV row with the wrong number of fields).</summary>
public sealed record UnreadableLine(int Line, string Reason);

/// <summary>What a file holds: the crossings its lines describe, the lines it could not read, and how many lines there were.</summary>
public sealed record ImportFile(IReadOnlyList<ImportedCrossing> Crossings, IReadOnlyList<UnreadableLine> Unreadable, int Lines);

/// <summary>
/// Reads the two import formats. Blank lines are skipped but counted, so line numbers are those of an editor.
/// <list type="bullet">
/// <item><b>JSON lines</b> (<c>application/x-ndjson</c>, <c>application/jsonl</c>): one object per line with the fields of
/// <c>POST /travellers/{id}/crossings</c> plus <c>travellerId</c>.</item>
/// <item><b>CSV</b> (<c>text/csv</c>): the <c>stays</c> CLI's columns <c>entry,exit,country</c> (see <see cref="CsvHistory"/>)
/// plus <c>travellerId</c> (required) and the optional <c>crossingId,time,timeZone,borderPoint,source</c>, in any order,
/// named by the header (line 1). A row with both dates is a stay: two crossings, ids <c>{crossingId}/entry</c> and
/// <c>{crossingId}/exit</c>. Without a <c>crossingId</c> column the id is derived from the crossing itself
/// (<c>entry-FR-2024-05-01</c>), so a resent file names the same crossings.</item>
/// </list>
/// Errors in the file as a whole (no header, unknown columns, too many lines) are a 400 for the whole request; errors in
/// a line refuse that line only.
/// </summary>
public static class ImportLines
{
    public static readonly string[] JsonLinesTypes = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];
    public const string CsvType = "text/csv";

    private static readonly string[] CsvColumns = ["entry", "exit", "country", "travellerId", "crossingId", "time", "timeZone", "borderPoint", "source"];

    public static bool IsJsonLines(string? mediaType) => JsonLinesTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);

    public static bool IsCsv(string? mediaType) => string.Equals(mediaType, CsvType, StringComparison.OrdinalIgnoreCase);

    private sealed record JsonLine(
        string? TravellerId, string? CrossingId, string? Direction, string? Country, string? Date, string? Time, string? TimeZone,
        string? BorderPoint, string? Source);

    public static ImportFile ReadJsonLines(TextReader reader, int maxLines)
    {
        var crossings = new List<ImportedCrossing>();
        var unreadable = new List<UnreadableLine>();
        var number = 0;
        var nonBlank = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (++nonBlank > maxLines) throw TooMany(maxLines);
            JsonLine? parsed;
            try
            {
                parsed = line.AsSpan().TrimStart(" \t\uFEFF").StartsWith("{") ? JsonSerializer.Deserialize<JsonLine>(line, LedgerJson.Options) : null;
            }
            catch (JsonException)
            {
                parsed = null;
            }
            // The parser's message may quote the line; the reason names the line only.
            if (parsed is null) unreadable.Add(new UnreadableLine(number, "not a JSON object whose fields are strings"));
            else crossings.Add(new ImportedCrossing(number, parsed.TravellerId,
                new CrossingText(parsed.CrossingId, parsed.Direction, parsed.Country, parsed.Date, parsed.Time, parsed.TimeZone, parsed.BorderPoint, parsed.Source)));
        }
        return new ImportFile(crossings, unreadable, number);
    }

    public static ImportFile ReadCsv(TextReader reader, int maxLines)
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

        var crossings = new List<ImportedCrossing>();
        var unreadable = new List<UnreadableLine>();
        var number = 1;
        var nonBlank = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (++nonBlank > maxLines) throw TooMany(maxLines);
            if (line.Contains('"')) { unreadable.Add(new UnreadableLine(number, "quoted fields are not supported")); continue; }
            var fields = line.Split(',');
            if (fields.Length != names.Length) { unreadable.Add(new UnreadableLine(number, $"expected {names.Length} fields as in the header, found {fields.Length}")); continue; }
            string? Field(string column) => index.TryGetValue(column, out var i) && fields[i].Trim() is { Length: > 0 } v ? v : null;
            crossings.AddRange(CsvRow(number, Field, unreadable));
        }
        return new ImportFile(crossings, unreadable, number);
    }

    /// <summary>One CSV row: a single crossing (one date) or a stay (both dates: its entry and its exit).</summary>
    private static IEnumerable<ImportedCrossing> CsvRow(int line, Func<string, string?> field, List<UnreadableLine> unreadable)
    {
        string? entry = field("entry"), exit = field("exit"), id = field("crossingId");
        if (entry is null && exit is null) { unreadable.Add(new UnreadableLine(line, "entry and exit are both empty; give at least one")); return []; }
        if (entry is not null && exit is not null)
        {
            // As in the stays CLI: a stay's exit is not before its entry (both dates must parse for the check to mean anything).
            if (DateOnly.TryParseExact(entry, "yyyy-MM-dd", out var e) && DateOnly.TryParseExact(exit, "yyyy-MM-dd", out var x) && x < e)
            { unreadable.Add(new UnreadableLine(line, $"exit {exit} is before entry {entry}")); return []; }
            if (field("time") is not null) { unreadable.Add(new UnreadableLine(line, "time is for rows with one crossing (entry or exit, not both)")); return []; }
        }
        var result = new List<ImportedCrossing>(2);
        foreach (var (direction, date) in new[] { ("entry", entry), ("exit", exit) })
        {
            if (date is null) continue;
            var crossingId = id is null ? $"{direction}-{field("country")}-{date}" : entry is not null && exit is not null ? $"{id}/{direction}" : id;
            result.Add(new ImportedCrossing(line, field("travellerId"), new CrossingText(
                crossingId, direction, field("country"), date, field("time"), field("timeZone"), field("borderPoint"), field("source"))));
        }
        return result;
    }

    private static LedgerProblem TooMany(int maxLines) =>
        LedgerProblem.BadRequest($"an import holds at most {maxLines:N0} lines; split the file (nothing was recorded)");
}
