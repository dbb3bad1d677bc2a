using System.Diagnostics;
using Ledger.Stays.CommandLine;

namespace Ledger.Tests.Hosting;

/// <summary>Help works for every verb without a database, and shows the verbs as they are typed.</summary>
public class CommandLineHelpTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ledger.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // No connection string, no signing key: help must not need them.
        info.Environment.Remove("ConnectionStrings__Ledger");
        info.Environment.Remove("Ledger__Auth__SigningKey");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Top_level_help_lists_every_verb_without_a_database(string flag)
    {
        var (exit, output, error) = await RunAsync(flag);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        foreach (var verb in new[] { "stays check", "stays plan", "stays earliest", "tokens issue", "codegen write" })
            Assert.Contains(verb, output);
    }

    [Fact]
    public void A_verbs_help_shows_the_verb_as_typed()
    {
        var output = new StringWriter();
        Assert.Equal(0, StaysCommand.Run(["check", "--help"], TextReader.Null, output, TextWriter.Null));
        Assert.Contains(" stays check <FILE>", output.ToString()); // after the executable's name
    }
}
