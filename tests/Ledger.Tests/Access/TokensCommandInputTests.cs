using Ledger.Access;
using Ledger.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Ledger.Tests.Access;

/// <summary>`tokens issue` refuses bad input with exit 2, one line on stderr and nothing on stdout (no database involved).</summary>
public class TokensCommandInputTests
{
    private static (int Exit, string Out, string Err) Run(string? signingKey, params string[] args) => RunWith(signingKey, null, args);

    private static (int Exit, string Out, string Err) RunWith(string? signingKey, string? maxTokenHours, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:Auth:SigningKey"] = signingKey })
            .AddInMemoryCollection(maxTokenHours is null ? [] : new Dictionary<string, string?> { ["Ledger:Auth:MaxTokenHours"] = maxTokenHours })
            .Build();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = TokensCommand.Run(args, configuration, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static void AssertRefused((int Exit, string Out, string Err) result, string mentions)
    {
        Assert.Equal(2, result.Exit);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.Err.TrimEnd().Split('\n'));
        Assert.StartsWith("tokens: ", line);
        Assert.Contains(mentions, line);
    }

    [Fact]
    public void No_signing_key_is_refused()
    {
        AssertRefused(Run(null, "issue", "--role", "admin"), "Ledger:Auth:SigningKey is not set");
    }

    [Fact]
    public void A_short_signing_key_is_refused()
    {
        AssertRefused(Run(Convert.ToBase64String(new byte[16]), "issue", "--role", "admin"), "at least 32 bytes");
    }

    [Theory]
    [InlineData("--role 'superuser'", "--role", "superuser")]
    [InlineData("--role '1'", "--role", "1")]
    [InlineData("--hours must be between 1 and 12", "--role", "admin", "--hours", "0")]
    [InlineData("--hours must be between 1 and 12 (Ledger:Auth:MaxTokenHours: the service answers 401", "--role", "admin", "--hours", "13")]
    [InlineData("--hours must be between 1 and 12", "--role", "admin", "--hours", "721")]
    [InlineData("'two'", "--role", "admin", "--hours", "two")]
    [InlineData("--traveller 'me'", "--role", "traveller", "--traveller", "me")]
    [InlineData("--country", "--role", "recorder", "--country", "France")]
    [InlineData("--subject is missing", "--role", "admin", "--subject", " ")]
    [InlineData("--role", "--country", "FR")]
    [InlineData("--colour", "--role", "admin", "--colour", "blue")]
    public void Bad_options_are_refused_naming_what_was_wrong(string mentions, params string[] options)
    {
        AssertRefused(Run(LedgerApp.SigningKey, ["issue", .. options]), mentions);
    }

    [Fact]
    public void The_limit_follows_the_services_MaxTokenHours()
    {
        var (exit, output, error) = RunWith(LedgerApp.SigningKey, "24", "issue", "--role", "admin", "--hours", "24");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.NotEmpty(output.Trim());
        AssertRefused(RunWith(LedgerApp.SigningKey, "24", "issue", "--role", "admin", "--hours", "25"), "--hours must be between 1 and 24");
        AssertRefused(RunWith(LedgerApp.SigningKey, "0", "issue", "--role", "admin"), "Ledger:Auth:MaxTokenHours must be between 1 and 720");
    }

    [Fact]
    public void No_verb_is_refused()
    {
        AssertRefused(Run(LedgerApp.SigningKey), "command");
    }
}
