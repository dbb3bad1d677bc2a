using System.CommandLine;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Stays.CommandLine;

namespace Ledger.Demo;

/// <summary>
/// <c>demo [--url URL] [--token T]</c>: loads the examples of docs/examples.md into a running ledger through its HTTP
/// API (<see cref="DemoLoader"/>) and prints one line per person: the case, the name, the traveller id and the pages to
/// open under <c>/app/</c>. <c>scripts/demo</c> runs it with the address and signing key of the service <c>scripts/run</c>
/// started. Without <c>--token</c> it mints a development token from <c>Ledger:Auth:SigningKey</c> (<see cref="DemoToken"/>).
/// Exit codes: 0 loaded (or already there), 2 bad input, 1 the ledger could not be reached or refused a write; each
/// failure is one line on stderr.
/// </summary>
public static class DemoCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static int Run(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        var url = new Option<string>("--url") { Description = "the running ledger's root address (default " + DefaultUrl + ", where scripts/run listens without --port; scripts/demo passes the right one)", DefaultValueFactory = _ => DefaultUrl };
        var token = new Option<string>("--token") { Description = "a bearer token that may register travellers and record crossings, visas and incidents in US, GB, CA, AU, NZ, FR, IT, HR, TR; default: one minted with Ledger:Auth:SigningKey" };
        var demo = new Command("demo", "load the examples of docs/examples.md into a running ledger (idempotent)") { url, token };
        demo.SetAction(result =>
        {
            var address = Address(result.GetValue(url)!);
            var bearer = result.GetValue(token) is { Length: > 0 } given ? given : Mint(configuration);
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            DemoRun run;
            try
            {
                // Off the caller's synchronisation context: the command is synchronous, the HTTP calls are not.
                run = Task.Run(() => DemoLoader.LoadAsync(client)).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                stderr.WriteLine($"demo: cannot reach the ledger at {address} ({OneLine(e.Message)}); start it with scripts/run, or give --url");
                return 1;
            }
            catch (DemoFailure e)
            {
                stderr.WriteLine($"demo: {e.Message}");
                return 1;
            }
            Print(run, address, stdout);
            return 0;
        });
        return CommandLineRunner.Run(demo, args, stdout, stderr, e => e is CliInputException);
    }

    /// <summary>
    /// One line per person: case, name and nationality, traveller id, then the pages to open (under <c>/app/</c>, the
    /// pages people read; the API's own addresses are in docs/examples.md). Then how to sign in to them.
    /// </summary>
    public static void Print(DemoRun run, Uri address, TextWriter stdout)
    {
        var root = address.ToString().TrimEnd('/');
        stdout.WriteLine($"demo: {run.Recorded} facts recorded, {run.AlreadyPresent} already present, at {root} (docs/examples.md tells each story)");
        foreach (var person in DemoCases.People)
        {
            var id = run.Travellers[person.Key];
            var pages = string.Join("  ", person.Pages.Select(p => PageAddress(root, id, p)));
            stdout.WriteLine($"({person.Case}) {person.Name} ({string.Join(", ", person.Nationalities)})  {id}  {pages}");
        }
        stdout.WriteLine($"demo: sign in at {root}/app/sign-in with a token: scripts/token --role auditor (every person), or scripts/token --role traveller --traveller ID (that person's own pages)");
    }

    /// <summary>A person's page: <c>/app/travellers/{id}</c>, or a page under it.</summary>
    public static string PageAddress(string root, Guid id, string page) =>
        page.Length == 0 ? $"{root}/app/travellers/{id}" : $"{root}/app/travellers/{id}/{page}";

    private static Uri Address(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new CliInputException($"--url '{OneLine(text)}' is not an http or https address (e.g. {DefaultUrl})");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new CliInputException($"--url '{OneLine(text)}' should name the ledger's root, without a path (e.g. {DefaultUrl})");
        return uri;
    }

    private static string Mint(IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
            throw new CliInputException("no --token, and Ledger:Auth:SigningKey is not set to mint one (export Ledger__Auth__SigningKey=$(cat .data/dev-signing-key), or give --token)");
        try
        {
            return DemoToken.Issue(options, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new CliInputException($"Ledger:Auth:SigningKey cannot sign a token: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
