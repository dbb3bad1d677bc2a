using System.CommandLine;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Visas;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Stays.CommandLine;

/// <summary>
/// <c>stays itinerary --nationality CC [--visa ...] [--authorisation ...] LEGS.csv HISTORY.csv [--json]</c>: the
/// itinerary check of <c>POST /itineraries/check</c> on files, the same answer in <c>--json</c>, travel authorisations
/// included (none held unless given with <c>--authorisation</c>). LEGS.csv has the header <c>country,from,to</c> or
/// <c>country,from,to,by</c> (air, land or sea; air when absent); HISTORY.csv is the <c>entry,exit,country</c> file of
/// the other verbs.
/// </summary>
public static class ItineraryVerb
{
    public const string LegsHeader = "country,from,to";

    /// <summary>The header of a legs file whose legs say how they are entered.</summary>
    public const string LegsHeaderWithMode = "country,from,to,by";

    public static Command Create(TextReader stdin, TextWriter stdout)
    {
        var nationality = new Option<string>("--nationality") { Description = "the traveller's nationality (ISO 3166-1 alpha-2)", Required = true };
        var visas = new Option<string[]>("--visa") { Description = "a visa held, as ID:STATE:TYPE:ENTRIES:FROM:UNTIL:DAYS, e.g. v1:FR:C:multiple:2025-06-01:2025-09-01:30 (repeatable)" };
        var authorisations = new Option<string[]>("--authorisation")
        {
            Description = "a travel authorisation held, as ID:SCHEME:GRANTED[:VALIDUNTIL], e.g. e1:us-esta:2025-01-10 (repeatable; without VALIDUNTIL the scheme's term decides)",
        };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object" };
        var legsFile = new Argument<string>("LEGS") { Description = "CSV with header country,from,to; '-' for stdin" };
        var historyFile = new Argument<string>("HISTORY") { Description = "CSV with header entry,exit,country" };
        var command = new Command("itinerary", "check planned legs, in order, against the history and the visas held");
        command.Options.Add(nationality);
        command.Options.Add(visas);
        command.Options.Add(authorisations);
        command.Options.Add(json);
        command.Arguments.Add(legsFile);
        command.Arguments.Add(historyFile);
        command.SetAction(result =>
        {
            var national = Parse.Country(result.GetValue(nationality), "--nationality");
            var held = (result.GetValue(visas) ?? []).Select(ParseVisa).ToList();
            var authorisationCheck = HeldAuthorisation.Check((result.GetValue(authorisations) ?? []).Select(ParseAuthorisation).ToList(), TravelAuthorisationSchemes.Default);
            var legs = Read(result.GetValue(legsFile)!, stdin, ReadLegs);
            var history = Read(result.GetValue(historyFile)!, stdin, r => CsvHistory.ReadWithAnomalies(r, RuleSet.Default));
            var answer = ItineraryCheck.Run(RuleSet.Default, new TravelHistory(history.Stays, Nationalities: [national], Uncertain: history.Uncertain), held, legs,
                authorisationCheck);
            stdout.WriteLine(result.GetValue(json) ? JsonSerializer.Serialize(answer, LedgerJson.Options) : Human(answer));
            return 0;
        });
        return command;
    }

    private static T Read<T>(string file, TextReader stdin, Func<TextReader, T> read)
    {
        if (file == "-") return read(stdin);
        if (!File.Exists(file)) throw new CliInputException($"file '{file}' does not exist");
        using var reader = new StreamReader(file);
        return read(reader);
    }

    private static List<Leg> ReadLegs(TextReader reader)
    {
        var header = reader.ReadLine();
        var shown = header?.Trim().TrimStart('\uFEFF');
        var withMode = string.Equals(shown, LegsHeaderWithMode, StringComparison.OrdinalIgnoreCase);
        if (!withMode && !string.Equals(shown, LegsHeader, StringComparison.OrdinalIgnoreCase))
            throw new CliInputException($"legs line 1: expected the header '{LegsHeader}' or '{LegsHeaderWithMode}'");
        var width = withMode ? 4 : 3;
        var legs = new List<Leg>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != width) throw new CliInputException($"legs line {lineNumber}: expected {width} fields ({(withMode ? LegsHeaderWithMode : LegsHeader)})");
            try
            {
                var by = withMode && fields[3].Trim().Length > 0 ? Parse.Enum<TravelMode>(fields[3].Trim(), "by") : TravelMode.Air;
                var leg = new Leg(Parse.Country(fields[0].Trim(), "country"), Parse.Date(fields[1].Trim(), "from"), Parse.Date(fields[2].Trim(), "to"), by);
                if (leg.To < leg.From) throw new CliInputException($"legs line {lineNumber}: to is before from");
                legs.Add(leg);
            }
            catch (LedgerProblem p) { throw new CliInputException($"legs line {lineNumber}: {p.Message}"); }
        }
        if (legs.Count == 0) throw new CliInputException("legs: the file holds no leg");
        return legs;
    }

    private static HeldAuthorisation ParseAuthorisation(string text)
    {
        var p = text.Split(':');
        if (p.Length is not (3 or 4) || p[0].Length == 0)
            throw new CliInputException($"--authorisation '{text}' is not ID:SCHEME:GRANTED[:VALIDUNTIL]");
        var scheme = TravelAuthorisationSchemes.Default.Find(p[1])
            ?? throw new CliInputException($"--authorisation SCHEME '{p[1]}' is not a travel authorisation scheme: one of {string.Join(", ", TravelAuthorisationSchemes.Default.Schemes.Select(s => s.Id))}");
        var granted = Parse.Date(p[2], "--authorisation GRANTED");
        DateOnly? until = p.Length == 4 ? Parse.Date(p[3], "--authorisation VALIDUNTIL") : null;
        if (until < granted) throw new CliInputException($"--authorisation '{text}' ends before it is granted");
        return new HeldAuthorisation(p[0], scheme.Id, granted, until, null);
    }

    private static Visa ParseVisa(string text)
    {
        var p = text.Split(':');
        if (p.Length != 7 || !int.TryParse(p[6], out var days) || days < 1)
            throw new CliInputException($"--visa '{text}' is not ID:STATE:TYPE:ENTRIES:FROM:UNTIL:DAYS");
        var from = Parse.Date(p[4], "--visa FROM");
        var until = Parse.Date(p[5], "--visa UNTIL");
        if (until < from) throw new CliInputException($"--visa '{text}' ends before it starts");
        var state = Parse.Country(p[1], "--visa STATE");
        var type = VisaCategories.Default.Find(state, p[2])?.Code
            ?? throw new CliInputException($"--visa TYPE '{p[2]}' is not a visa category of {state}: one of {string.Join(", ", VisaCategories.Default.Of(state).Select(c => c.Code))}");
        return new Visa(p[0], null, state, type,
            Parse.Enum<VisaEntries>(p[3], "--visa ENTRIES"), from, until, days, from, VisaStatus.Valid, null, null);
    }

    private static string Human(ItineraryAnswer answer) => string.Join(Environment.NewLine, answer.Legs.Select(l =>
        $"{l.Country} {l.From:yyyy-MM-dd}..{l.To:yyyy-MM-dd}: {(l.Lawful ? "lawful" : $"unlawful from {l.FirstUnlawfulDay:yyyy-MM-dd}")}" +
        $"; rules {(l.Rules.Count == 0 ? "none" : string.Join(", ", l.Rules))}; latest last day {l.LatestLawfulLastDay?.ToString("yyyy-MM-dd") ?? "-"}" +
        $"; earliest first day {l.EarliestLawfulFirstDay?.ToString("yyyy-MM-dd") ?? "-"}; days used {l.DaysUsedBefore} -> {l.DaysUsedAfter}" +
        (l.CoveredBy is { } v ? $"; covered by {v}" : "") + (l.Lacking.Count > 0 ? $"; lacking {string.Join(", ", l.Lacking)}" : "")));
}
