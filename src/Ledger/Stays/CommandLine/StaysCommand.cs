using System.CommandLine;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Projections.StayRules;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Stays.CommandLine;

/// <summary>
/// <c>stays check|plan|earliest</c>: the stay-rule engine on a CSV history, without a database.
/// Exit codes: 0 answered, 2 bad input (one line on stderr, nothing on stdout).
/// </summary>
public static class StaysCommand
{
    private sealed record CommonOptions(Option<string> Regime, Option<string[]> Permits, Option<string[]> Nationalities, Option<bool> Json, Argument<string> File);

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = new Command("stays", "Schengen-style rolling-window stay calculator (no database needed)");
        var onOption = new Option<string>("--on") { Description = "control date (yyyy-MM-dd)", Required = true };
        var enterOption = new Option<string>("--enter") { Description = "planned entry date (yyyy-MM-dd)", Required = true };
        var daysOption = new Option<string>("--days") { Description = "length of the wanted stay in days", Required = true };
        var fromOption = new Option<string>("--from") { Description = "first candidate entry date (yyyy-MM-dd)", Required = true };

        root.Subcommands.Add(Verb("check", "days used, remaining, stay-until and violations on a date", [onOption], stdin, stdout,
            (engine, history, anomalies, r) => Output.Check(engine.Check(history, Parse.Date(r.GetValue(onOption), "--on")), anomalies)));
        root.Subcommands.Add(Verb("plan", "how many consecutive days an entry on a date allows", [enterOption], stdin, stdout,
            (engine, history, _, r) => Output.Plan(engine.Plan(history, Parse.Date(r.GetValue(enterOption), "--enter")))));
        root.Subcommands.Add(Verb("earliest", "earliest entry date for a stay of N consecutive days", [daysOption, fromOption], stdin, stdout,
            (engine, history, _, r) => Output.Earliest(engine.Earliest(history, Days(r.GetValue(daysOption)), Parse.Date(r.GetValue(fromOption), "--from")))));
        root.Subcommands.Add(ItineraryVerb.Create(stdin, stdout));

        return CommandLineRunner.Run(root, args, stdout, stderr,
            e => e is CliInputException or LedgerProblem or StayRuleException or IOException or UnauthorizedAccessException);
    }

    private static Command Verb(string name, string description, Option[] own, TextReader stdin, TextWriter stdout,
        Func<StayRuleEngine, TravelHistory, IReadOnlyList<Ledger.Projections.Crossings.Anomaly>, ParseResult, Output.Answer> answer)
    {
        var common = new CommonOptions(
            new Option<string>("--regime") { Description = "regime id from rulesets.json", DefaultValueFactory = _ => "schengen" },
            new Option<string[]>("--permit") { Description = "residence permit or D visa as CC:FROM:TO (repeatable)" },
            new Option<string[]>("--nationality") { Description = "traveller nationality (repeatable); nationals of member states are exempt" },
            new Option<bool>("--json") { Description = "print exactly one JSON object" },
            new Argument<string>("FILE") { Description = "CSV with header entry,exit,country; '-' for stdin" });
        var command = new Command(name, description);
        foreach (var option in own) command.Options.Add(option);
        command.Options.Add(common.Regime);
        command.Options.Add(common.Permits);
        command.Options.Add(common.Nationalities);
        command.Options.Add(common.Json);
        command.Arguments.Add(common.File);
        command.SetAction(result =>
        {
            var engine = new StayRuleEngine(RuleSet.Default.Get(result.GetValue(common.Regime)!));
            var records = ReadStays(result.GetValue(common.File)!, stdin);
            var history = new TravelHistory(
                records.Stays,
                (result.GetValue(common.Permits) ?? []).Select(ParsePermit).ToList(),
                (result.GetValue(common.Nationalities) ?? []).Select(n => Parse.Country(n, "--nationality")).ToList(),
                records.Uncertain);
            // Compute first, print after: a refused question prints nothing on stdout.
            var output = answer(engine, history, records.Anomalies, result);
            stdout.WriteLine(result.GetValue(common.Json) ? JsonSerializer.Serialize(output.Json, LedgerJson.Options) : output.Human);
            return 0;
        });
        return command;
    }

    private static CsvHistory.Result ReadStays(string file, TextReader stdin)
    {
        if (file == "-") return CsvHistory.ReadWithAnomalies(stdin, RuleSet.Default);
        if (!File.Exists(file)) throw new CliInputException($"file '{file}' does not exist");
        using var reader = new StreamReader(file);
        return CsvHistory.ReadWithAnomalies(reader, RuleSet.Default);
    }

    private static Permit ParsePermit(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3) throw new CliInputException($"--permit '{text}' is not CC:FROM:TO (e.g. FR:2024-01-01:2024-12-31)");
        var first = Parse.Date(parts[1], "--permit FROM");
        var last = Parse.Date(parts[2], "--permit TO");
        if (last < first) throw new CliInputException($"--permit '{text}' ends before it starts");
        return new Permit(Parse.Country(parts[0], "--permit country"), first, last);
    }

    private static int Days(string? text) =>
        int.TryParse(text, out var days) ? days : throw new CliInputException($"--days '{text}' is not a whole number");
}
