using System.Diagnostics;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Ledger.Tests.Access;

/// <summary>
/// Production trusts an issuer: the shared development key is refused there at start-up, unless
/// <c>Ledger:Auth:AllowSigningKeyInProduction</c> accepts it, and then every start logs a warning.
/// </summary>
public class SigningKeyInProductionTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private static void Build(string environment, bool? allow) => LedgerHost.Build([], builder =>
    {
        builder.Environment.EnvironmentName = environment;
        // Never connected to: the host is built, not started.
        builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = "Host=127.0.0.1;Port=1;Database=unused";
        builder.Configuration["Ledger:Auth:Authority"] = "";
        builder.Configuration["Ledger:Auth:SigningKey"] = LedgerApp.SigningKey;
        builder.Configuration["Ledger:Auth:AllowSigningKeyInProduction"] = allow?.ToString();
    }).DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void A_signing_key_in_Production_is_refused_unless_allowed(bool? allow)
    {
        var error = Assert.Throws<StartupRefusedException>(() => Build("Production", allow));
        Assert.Contains("Ledger:Auth:SigningKey is set in the Production environment", error.Message);
        Assert.Contains("Ledger:Auth:Authority", error.Message);
        Assert.Contains("Ledger:Auth:AllowSigningKeyInProduction=true", error.Message);
        Assert.DoesNotContain(LedgerApp.SigningKey, error.Message);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", null)]
    [InlineData("Staging", null)]
    public void Elsewhere_or_when_allowed_the_key_is_accepted(string environment, bool? allow) => Build(environment, allow);

    [Fact]
    public async Task The_process_exits_1_with_one_line_that_names_the_setting()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ledger.dll")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__Ledger"] = "Host=127.0.0.1;Port=1;Database=unused";
        info.Environment["Ledger__Auth__SigningKey"] = LedgerApp.SigningKey;
        info.Environment.Remove("Ledger__Auth__Authority");
        info.Environment.Remove("Ledger__Auth__AllowSigningKeyInProduction");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Ledger will not start: Ledger:Auth:SigningKey is set in the Production environment", line);
        Assert.Contains("Ledger:Auth:AllowSigningKeyInProduction=true", line);
        Assert.Empty((await output).Trim());
    }

    [Fact]
    public async Task When_allowed_every_start_logs_a_warning()
    {
        // The fixture runs in Production with the test key and the allow flag, as every test host does.
        int Warnings() => app.Entries.Count(e => e.Level == LogLevel.Warning && e.Message == SigningKeyWarning.Message);
        Assert.Equal(1, Warnings());
        await app.RestartAsync();
        Assert.Equal(2, Warnings());
    }
}
