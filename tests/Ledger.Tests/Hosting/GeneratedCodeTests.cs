using System.Diagnostics;
using JasperFx.CodeGeneration;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Ledger.Tests.Hosting;

/// <summary>
/// The service runs the Wolverine code checked in under src/Ledger/Internal/Generated (TypeLoadMode.Static). This test
/// generates that code afresh from the handlers as they are now, exactly as `scripts/codegen` does (the same command,
/// into a temporary folder), and fails when the checked-in files differ.
/// </summary>
public class GeneratedCodeTests
{
    private const string Folder = "src/Ledger/Internal/Generated";
    private const string Fix = "Run scripts/codegen and commit " + Folder + ".";

    [Fact]
    public async Task Checked_in_generated_code_is_what_the_handlers_and_endpoints_generate_now()
    {
        var checkedIn = Path.Combine(RepositoryRoot(), Folder);
        var fresh = Directory.CreateTempSubdirectory("ledger-codegen-").FullName;
        try
        {
            await GenerateAsync(fresh);
            var expected = Files(Path.Combine(fresh, "Internal", "Generated"));
            var actual = Directory.Exists(checkedIn) ? Files(checkedIn) : new Dictionary<string, string>();

            var problems = new List<string>();
            problems.AddRange(expected.Keys.Except(actual.Keys).Order().Select(f => $"missing: {f}"));
            problems.AddRange(actual.Keys.Except(expected.Keys).Order().Select(f => $"no longer generated: {f}"));
            problems.AddRange(expected.Keys.Intersect(actual.Keys).Where(f => expected[f] != actual[f]).Order().Select(f => $"stale: {f}"));
            Assert.True(problems.Count == 0,
                $"The generated code in {Folder} does not match the handlers and endpoints. {Fix}\n  {string.Join("\n  ", problems)}");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    [Fact]
    public async Task The_service_loads_pre_generated_code_and_carries_no_runtime_compiler()
    {
        // Static: a missing type fails instead of being compiled on the fly. The host is built, not started.
        await using (var app = LedgerHost.Build([], builder =>
        {
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = "Host=127.0.0.1;Port=1;Database=codegen;Username=codegen";
            builder.Configuration["Ledger:Auth:SigningKey"] = LedgerApp.SigningKey;
            builder.Configuration["Ledger:Auth:AllowSigningKeyInProduction"] = "true";
        }))
            Assert.Equal(TypeLoadMode.Static, app.Services.GetRequiredService<WolverineOptions>().CodeGeneration.TypeLoadMode);

        Assert.DoesNotContain(typeof(LedgerHost).Assembly.GetReferencedAssemblies(), a => a.Name == "Wolverine.RuntimeCompilation");
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Microsoft.CodeAnalysis.CSharp.dll")),
            "Roslyn is in the build output: something references WolverineFx.RuntimeCompilation again");
    }

    /// <summary>
    /// `codegen write`, as scripts/codegen runs it, from the Ledger.dll built beside the tests, in a process of its own
    /// (the command switches process-wide settings of Wolverine that would disturb the hosts of other tests) and in the
    /// given folder (it writes under its working directory). The host is built, never started: no database.
    /// </summary>
    private static async Task GenerateAsync(string folder)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ledger.dll"), "codegen", "write"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__Ledger"] = "Host=127.0.0.1;Port=1;Database=codegen;Username=codegen";
        info.Environment["Ledger__Auth__SigningKey"] = LedgerApp.SigningKey;
        info.Environment["Ledger__Auth__AllowSigningKeyInProduction"] = "true";
        info.Environment.Remove("Ledger__Auth__Authority");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"codegen write exited with {process.ExitCode}: {await errors}{await output}");
    }

    /// <summary>Relative path → content, line endings normalised (a Windows checkout may have turned them into CRLF).</summary>
    private static Dictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
            f => File.ReadAllText(f).ReplaceLineEndings("\n"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Ledger.sln above {AppContext.BaseDirectory}");
    }
}
