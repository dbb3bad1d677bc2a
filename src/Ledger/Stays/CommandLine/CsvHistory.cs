using Ledger.Hosting;
using Ledger.Projections.StayRules;

namespace Ledger.Stays.CommandLine;

/// <summary>
/// Reads stays from CSV with the header <c>entry,exit,country</c>: ISO dates, ISO 3166-1 alpha-2 codes, an empty
/// exit for "still inside". Blank lines are skipped; quoting is not supported (no field needs it).
/// Every error names its line (the header is line 1).
/// </summary>
public static class CsvHistory
{
    public const string Header = "entry,exit,country";

    public static IReadOnlyList<Stay> Read(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header is null) throw new CliInputException("line 1: the file is empty; expected the header 'entry,exit,country'");
        if (!string.Equals(header.Trim().TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
            throw new CliInputException($"line 1: expected the header '{Header}', found '{header.Trim()}'");

        var stays = new List<Stay>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            stays.Add(ReadRow(line, lineNumber));
        }
        return stays;
    }

    private static Stay ReadRow(string line, int lineNumber)
    {
        if (line.Contains('"')) throw new CliInputException($"line {lineNumber}: quoted fields are not supported: '{line}'");
        var fields = line.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 3)
            throw new CliInputException($"line {lineNumber}: expected 3 fields (entry,exit,country), found {fields.Length}: '{line}'");
        try
        {
            var entry = Parse.Date(fields[0], "entry");
            var exit = Parse.OptionalDate(fields[1], "exit");
            var country = Parse.Country(fields[2], "country");
            if (exit < entry) throw new CliInputException($"line {lineNumber}: exit {exit:yyyy-MM-dd} is before entry {entry:yyyy-MM-dd}");
            return new Stay(entry, exit, country);
        }
        catch (LedgerProblem p)
        {
            throw new CliInputException($"line {lineNumber}: {p.Message}");
        }
    }
}

/// <summary>Bad command-line input: reported as one line on stderr with a non-zero exit.</summary>
public sealed class CliInputException(string message) : Exception(message);
