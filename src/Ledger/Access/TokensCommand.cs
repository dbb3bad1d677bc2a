using System.CommandLine;
using Ledger.Hosting;
using Ledger.Stays.CommandLine;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Access;

/// <summary>
/// <c>tokens issue --role ROLE [--role ROLE]... [--country CC]... [--traveller ID] [--subject NAME] [--hours N]</c> (N at most <c>Ledger:Auth:MaxTokenHours</c>):
/// prints one development token on stdout, signed with the service's own <c>Ledger:Auth:SigningKey</c> (read from the
/// same configuration: appsettings, environment). <c>scripts/token</c> runs it with the key of the service
/// <c>scripts/run</c> started. Exit codes: 0 printed, 2 bad input (one line on stderr).
/// </summary>
public static class TokensCommand
{
    public static int Run(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        var roles = new Option<string[]>("--role") { Description = "recorder, caseworker, partner, traveller, auditor or admin (repeatable)", Required = true };
        var countries = new Option<string[]>("--country") { Description = "ISO 3166-1 alpha-2 code the principal acts for (repeatable)" };
        var traveller = new Option<string>("--traveller") { Description = "the traveller id a traveller token owns" };
        var subject = new Option<string>("--subject") { Description = "who the token names (stored as recordedBy)", DefaultValueFactory = _ => "developer" };
        var hours = new Option<int>("--hours") { Description = "lifetime in hours (1 to Ledger:Auth:MaxTokenHours, default 12: the service refuses longer tokens)", DefaultValueFactory = _ => 8 };
        var issue = new Command("issue", "print a development token signed with Ledger:Auth:SigningKey") { roles, countries, traveller, subject, hours };
        var root = new Command("tokens", "development tokens for the ledger") { issue };
        issue.SetAction(result =>
        {
            var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
            if (options.MaxTokenHours is < 1 or > AuthOptions.MaxTokenHoursLimit)
                throw new CliInputException($"Ledger:Auth:MaxTokenHours must be between 1 and {AuthOptions.MaxTokenHoursLimit} (it is {options.MaxTokenHours})");
            if (string.IsNullOrWhiteSpace(options.SigningKey))
                throw new CliInputException("Ledger:Auth:SigningKey is not set (export Ledger__Auth__SigningKey; scripts/token sets it for the service scripts/run started)");
            var request = new TokenRequest(
                Parse.Required(result.GetValue(subject), "--subject", 200),
                result.GetValue(roles)!.Select(r => Parse.Enum<Role>(r, "--role", null)).ToList(),
                (result.GetValue(countries) ?? []).Select(c => Parse.Country(c, "--country")).ToList(),
                result.GetValue(traveller) is { } t ? (Guid.TryParse(t, out var id) ? id : throw new CliInputException($"--traveller '{t}' is not a traveller id")) : null,
                TimeSpan.FromHours(result.GetValue(hours) is var h and >= 1 && h <= options.MaxTokenHours ? h
                    : throw new CliInputException($"--hours must be between 1 and {options.MaxTokenHours} (Ledger:Auth:MaxTokenHours: the service answers 401 to a token that holds longer)")));
            stdout.WriteLine(DevelopmentTokens.Issue(options, request, DateTimeOffset.UtcNow));
            return 0;
        });

        return CommandLineRunner.Run(root, args, stdout, stderr, e => e is CliInputException or LedgerProblem or InvalidOperationException);
    }
}
