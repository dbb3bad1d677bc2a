using Ledger.Projections.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.StayRules;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Stays.CommandLine;

/// <summary>
/// Reads stays from CSV with the header <c>entry,exit,country</c>: ISO dates, ISO 3166-1 alpha-2 codes, an empty
/// exit for "still inside", an empty entry for "an exit with no known entry". Blank lines are skipped; quoting is not
/// supported (no field needs it). Every error names its line (the header is line 1).
/// Rows with both dates are stays as given (overlaps count each day once, as always). Rows with one date are single
/// crossings (id <c>lineN</c>) paired like recorded crossings: two open stays in one area are a missing exit, an
/// exit-only row with no open stay before it a missing entry.
/// </summary>
public static class CsvHistory
{
    public const string Header = "entry,exit,country";

    /// <summary>The stays and uncertain days of the file, and the anomalies its incomplete rows show.</summary>
    public sealed record Result(IReadOnlyList<Stay> Stays, IReadOnlyList<UncertainDays> Uncertain, IReadOnlyList<Anomaly> Anomalies);

    public static Result ReadWithAnomalies(TextReader reader, RuleSet rules)
    {
        var header = reader.ReadLine();
        if (header is null) throw new CliInputException("line 1: the file is empty; expected the header 'entry,exit,country'");
        if (!string.Equals(header.Trim().TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
            throw new CliInputException($"line 1: expected the header '{Header}', found '{header.Trim()}'");

        var stays = new List<Stay>();
        var single = new List<Crossing>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (entry, exit, country) = ReadRow(line, lineNumber);
            if (entry is { } e && exit is { } x) stays.Add(new Stay(e, x, country));
            else single.Add(new Crossing($"line{lineNumber}", entry is null ? Direction.Exit : Direction.Entry, country,
                (entry ?? exit)!.Value, null, null, null, CrossingSource.SelfReported, lineNumber));
        }
        if (single.Count == 0) return new Result(stays, [], []);
        var settled = Settlement.Settle(StayPairing.Pair(single, rules), EvidenceBook.Empty, rules);
        return new Result([.. stays, .. settled.Stays], settled.Uncertain, settled.Anomalies);
    }

    private static (DateOnly? Entry, DateOnly? Exit, string Country) ReadRow(string line, int lineNumber)
    {
        if (line.Contains('"')) throw new CliInputException($"line {lineNumber}: quoted fields are not supported: '{line}'");
        var fields = line.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 3)
            throw new CliInputException($"line {lineNumber}: expected 3 fields (entry,exit,country), found {fields.Length}: '{line}'");
        try
        {
            var entry = Parse.OptionalDate(fields[0], "entry");
            var exit = Parse.OptionalDate(fields[1], "exit");
            var country = Parse.Country(fields[2], "country");
            if (entry is null && exit is null) throw new CliInputException($"line {lineNumber}: entry and exit are both empty; give at least one");
            if (exit < entry) throw new CliInputException($"line {lineNumber}: exit {exit:yyyy-MM-dd} is before entry {entry:yyyy-MM-dd}");
            return (entry, exit, country);
        }
        catch (LedgerProblem p)
        {
            throw new CliInputException($"line {lineNumber}: {p.Message}");
        }
    }
}

/// <summary>Bad command-line input: reported as one line on stderr with a non-zero exit.</summary>
public sealed class CliInputException(string message) : Exception(message);
