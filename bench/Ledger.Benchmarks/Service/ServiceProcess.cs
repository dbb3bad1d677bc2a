using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ledger.Access;

namespace Ledger.Benchmarks.Service;

/// <summary>The real ledger service in its own process (so its memory is its own), on a free loopback port.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    public HttpClient Http { get; }

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<ServiceProcess> StartAsync(string ledgerDll, string connectionString)
    {
        var service = Launch(ledgerDll, connectionString, NewSigningKey(), FreePort());
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (service._process.HasExited) throw new InvalidOperationException($"the service exited with {service._process.ExitCode}");
            try { if ((await service.Http.GetAsync("/health")).IsSuccessStatusCode) return service; } catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("the service did not become healthy in 90 s");
    }

    /// <summary>
    /// Starts the process and returns at once, without waiting for it to answer: the restart benchmark times that wait
    /// itself. Pass the same key and port to a restarted instance, as a real restart would keep them.
    /// </summary>
    public static ServiceProcess Launch(string ledgerDll, string connectionString, string signingKey, int port)
    {
        var info = new ProcessStartInfo("dotnet", [ledgerDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        // Every request carries a development token, as a border system's would: the workload's countries only (a token
        // naming all 249 countries would make every request validate a 5 KB token). One principal drives the whole
        // load, so its rate limit is lifted.
        var auth = new AuthOptions { SigningKey = signingKey };
        info.Environment["Ledger__Auth__SigningKey"] = auth.SigningKey;
        // Production (the shipped log levels, no developer pages) with the development key: a bench has no issuer.
        // Accepted knowingly; the service logs a warning at start.
        info.Environment["Ledger__Auth__AllowSigningKeyInProduction"] = "true";
        info.Environment["Ledger__RateLimits__PerPrincipalPerMinute"] = int.MaxValue.ToString();
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // A throwaway database: its key ring need not be encrypted at rest (Production would otherwise refuse to start).
        info.Environment["Ledger__DataProtection__AllowUnprotectedKeys"] = "true";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the service");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[service] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        var token = DevelopmentTokens.Issue(auth, new TokenRequest("benchmark",
            [Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin], Workload.Countries, null, TimeSpan.FromHours(12)),
            DateTimeOffset.UtcNow);
        service.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return service;
    }

    public static string NewSigningKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// CPU seconds (user + system) the process has used so far, from /proc: the work start-up takes, which other load on
    /// the machine delays but does not change (wall-clock figures on a shared 2-core machine swing with it).
    /// </summary>
    public double CpuSeconds()
    {
        // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th, in clock ticks.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    /// <summary>
    /// Waits until the process is nearly idle (under about 5 % of a core for two seconds; at most 90 s). After a
    /// warm-up the runtime's tiered compiler is still recompiling the hot methods on a background thread: a profile of
    /// the import run taken right after its warm-up put half of the service's CPU there, on this 2-core machine where
    /// it competes with the measured work. Measuring once it has settled gives the steady state a long-running service
    /// has; start-up itself is the restart benchmark's figure.
    /// </summary>
    public async Task SettleAsync()
    {
        // Two quiet seconds in a row: the compiler pauses between batches of methods, so one quiet half-second is not enough.
        var waited = Stopwatch.StartNew();
        var before = CpuSeconds();
        var quiet = 0;
        while (quiet < 4 && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(500);
            var now = CpuSeconds();
            quiet = now - before <= 0.03 ? quiet + 1 : 0;
            before = now;
        }
        if (quiet < 4) Console.WriteLine("  (the service was still busy after 90 s of waiting for it to settle: the next figure is measured on a busy machine)");
    }

    /// <summary>SIGKILL (<c>kill -9</c>): nothing is flushed or shut down; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Peak resident set size of the service process so far (Linux VmHWM), in MB.</summary>
    public double PeakWorkingSetMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
        return line is null ? _process.PeakWorkingSet64 / 1048576.0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await KillAsync();
        _process.Dispose();
    }
}
