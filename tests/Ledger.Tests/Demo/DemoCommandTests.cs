using Ledger.Demo;
using Ledger.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Ledger.Tests.Demo;

/// <summary>`Ledger demo`, run in-process as Program.cs runs it, against a running ledger or none.</summary>
public class DemoCommandTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static IConfiguration Config(string? signingKey) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:Auth:SigningKey"] = signingKey })
        .Build();

    private static (int Exit, string Out, string Err) Run(IConfiguration configuration, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = DemoCommand.Run(args, configuration, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Url => app.Anonymous().BaseAddress!.ToString();

    [Fact]
    public void It_mints_its_token_from_the_signing_key_loads_the_cases_and_prints_one_line_per_person()
    {
        var (exit, output, error) = Run(Config(LedgerApp.SigningKey), "--url", Url);
        Assert.True(exit == 0, error);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var person in DemoCases.People)
        {
            var line = Assert.Single(lines, l => l.StartsWith($"({person.Case}) {person.Name} "));
            Assert.Matches("[0-9a-f]{8}-[0-9a-f]{4}-", line);
        }

        // Again, with the token given: nothing new, the same ids.
        var (again, secondOutput, _) = Run(Config(null), "--url", Url, "--token", DemoToken.Issue(LedgerApp.Auth, DateTimeOffset.UtcNow));
        Assert.Equal(0, again);
        Assert.StartsWith("demo: 0 facts recorded,", secondOutput);
        Assert.Equal(lines.Where(l => l.StartsWith('(')), secondOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('(')));
    }

    [Fact]
    public async Task It_prints_the_app_page_of_each_person_at_the_address_it_was_given_and_each_page_opens()
    {
        // The service's own address, spelled without the trailing slash: the pages are under it, whatever its port.
        var root = Url.TrimEnd('/');
        var (exit, output, error) = Run(Config(LedgerApp.SigningKey), "--url", root);
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var auditor = app.ClientAs([Ledger.Access.Role.Auditor]);
        foreach (var person in DemoCases.People)
        {
            var line = Assert.Single(lines, l => l.StartsWith($"({person.Case}) {person.Name} "));
            var addresses = System.Text.RegularExpressions.Regex.Matches(line, @"https?://\S+").Select(m => m.Value).ToList();
            Assert.Equal(person.Pages.Count, addresses.Count);
            var id = System.Text.RegularExpressions.Regex.Match(line, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value;
            Assert.Equal($"{root}/app/travellers/{id}", addresses[0]);
            foreach (var address in addresses)
            {
                Assert.StartsWith($"{root}/app/travellers/{id}", address);
                using var page = await auditor.GetAsync(address);
                Assert.True(page.IsSuccessStatusCode, $"{address}: {(int)page.StatusCode}");
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            }
        }
        // No API address is offered as a page to open; the last line says how to sign in to the pages.
        Assert.DoesNotContain(lines, l => l.Contains("/shared-records") || System.Text.RegularExpressions.Regex.IsMatch(l, @"\d/travellers/"));
        Assert.Contains($"{root}/app/sign-in", lines[^1]);
        Assert.Contains("scripts/token --role auditor", lines[^1]);
    }

    [Theory]
    [InlineData("--url", "not a url")]
    [InlineData("--url", "ftp://127.0.0.1/")]
    [InlineData("--url", "http://127.0.0.1:5080/travellers")]
    [InlineData("--bogus")]
    public void Bad_input_is_one_line_on_stderr_and_exit_2(params string[] args)
    {
        var (exit, output, error) = Run(Config(LedgerApp.SigningKey), args);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Its_help_names_the_options_and_needs_no_ledger()
    {
        var (exit, output, error) = Run(Config(null), "--help");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("--url", output);
        Assert.Contains("--token", output);
        Assert.Contains("demo", Ledger.Hosting.LedgerHost.Usage);
    }

    [Fact]
    public void Without_a_token_or_a_signing_key_it_says_what_to_set()
    {
        var (exit, _, error) = Run(Config(null), "--url", Url);
        Assert.Equal(2, exit);
        Assert.Contains("Ledger__Auth__SigningKey", error);
    }

    [Fact]
    public void An_unreachable_ledger_or_a_refused_token_is_one_line_and_exit_1()
    {
        // A port nothing listens on: the listener is stopped before the demo runs.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (exit, output, error) = Run(Config(LedgerApp.SigningKey), "--url", $"http://127.0.0.1:{port}");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("demo: cannot reach the ledger", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        (exit, _, error) = Run(Config(null), "--url", Url, "--token", "not-a-token");
        Assert.Equal(1, exit);
        Assert.Contains("401", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
