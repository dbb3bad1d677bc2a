using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ledger.Demo;

namespace Ledger.Tests.Demo;

/// <summary>
/// The README's quick start, as a person types it: <c>scripts/run --port N</c>, then <c>scripts/token</c> and
/// <c>scripts/demo</c> with no other flag or variable. The service runs from the Release build beside the sources
/// (<c>--no-build</c>: the test run has just built it) on a free port, with a data folder of its own
/// (<c>LEDGER_DATA_DIR</c>, its own PostgreSQL cluster), so a developer's .data is never touched.
/// </summary>
public class QuickStartScriptsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task Run_on_any_port_then_token_and_demo_find_it_and_fail_in_one_line_once_it_has_stopped()
    {
        var data = Directory.CreateTempSubdirectory("ledger-quickstart-");
        // PostgreSQL runs as `postgres` when the tests run as root: it must reach the cluster's folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(data.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        using var run = Start("run", data.FullName, "--port", port.ToString(), "--no-build");
        try
        {
            await WaitForAsync(run, Path.Combine(data.FullName, "service"));

            // The service runs in Development: the API reference is served.
            using var anonymous = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/docs")).StatusCode);

            // A token for that service, with tokens issue's options; the service takes it.
            var (exit, token, error) = await RunAsync("token", data.FullName, "--role", "auditor");
            Assert.True(exit == 0, error);
            token = token.Trim();
            Assert.Matches(@"^[\w-]+\.[\w-]+\.[\w-]+$", token);
            using var auditor = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            auditor.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/alerts")).StatusCode);

            // Bad options of tokens issue: its own one-line refusal, exit 2.
            (exit, _, error) = await RunAsync("token", data.FullName, "--role", "emperor");
            Assert.Equal(2, exit);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

            // The demo, into that service: the /app/ page of each person, at that port, and each opens.
            (exit, var output, error) = await RunAsync("demo", data.FullName);
            Assert.True(exit == 0, error);
            var pages = Regex.Matches(output, @"http://127\.0\.0\.1:\d+/app/travellers/[0-9a-f-]{36}\S*").Select(m => m.Value).ToList();
            Assert.Equal(DemoCases.People.Sum(p => p.Pages.Count), pages.Count);
            foreach (var page in pages)
            {
                Assert.StartsWith($"{url}/app/travellers/", page);
                Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(page)).StatusCode);
            }
            (exit, output, _) = await RunAsync("demo", data.FullName);
            Assert.Equal(0, exit);
            Assert.StartsWith("demo: 0 facts recorded,", output);

            // Ctrl-C (SIGTERM here) stops the service and its database and says so to the other scripts.
            Signal(run, "TERM");
            Assert.True(run.WaitForExit(60_000), "scripts/run did not stop within 60 s of SIGTERM");
            Assert.False(File.Exists(Path.Combine(data.FullName, "service")));
            foreach (var (script, args) in new[] { ("token", new[] { "--role", "auditor" }), ("demo", Array.Empty<string>()) })
            {
                (exit, output, error) = await RunAsync(script, data.FullName, args);
                Assert.Equal(1, exit);
                Assert.Empty(output);
                Assert.StartsWith($"scripts/{script}: no service started by scripts/run is running", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            }
        }
        finally
        {
            if (!run.HasExited) { Signal(run, "TERM"); run.WaitForExit(60_000); }
            if (!run.HasExited) run.Kill(entireProcessTree: true);
            await RunAsync("pg", data.FullName, "stop", Path.Combine(data.FullName, "pg"));
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_refuses_a_port_that_is_not_one_in_one_line()
    {
        var data = Directory.CreateTempSubdirectory("ledger-quickstart-");
        try
        {
            var (exit, output, error) = await RunAsync("run", data.FullName, "--port", "http://x");
            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.StartsWith("scripts/run: --port 'http://x' is not a port number", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        finally { data.Delete(recursive: true); }
    }

    private static Process Start(string script, string dataDir, params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(Root, "scripts", script), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root,
        };
        info.Environment["LEDGER_DATA_DIR"] = dataDir;
        // As a person's shell would be: no key or issuer of the test host's, no environment chosen.
        foreach (var name in new[] { "Ledger__Auth__SigningKey", "Ledger__Auth__Authority", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            info.Environment.Remove(name);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start scripts/{script}");
        return process;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string script, string dataDir, params string[] args)
    {
        using var process = Start(script, dataDir, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Waits until scripts/run has written the file that says where the service listens.</summary>
    private static async Task WaitForAsync(Process run, string stateFile)
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        run.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        run.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (!File.Exists(stateFile))
        {
            if (run.HasExited) throw new InvalidOperationException($"scripts/run exited with {run.ExitCode}: {string.Join(" | ", log.TakeLast(10))}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"scripts/run did not start the service in 180 s: {string.Join(" | ", log.TakeLast(10))}");
            await Task.Delay(200);
        }
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString()]);
        kill?.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "run")) && File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return dir.FullName;
        throw new InvalidOperationException("the repository root (scripts/run, Ledger.sln) is not above the test binaries");
    }
}
