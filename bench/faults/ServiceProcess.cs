using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ledger.Access;

namespace Ledger.Faults;

/// <summary>
/// The ledger service as its own process on a fixed loopback port, so it can be killed with SIGKILL and started again
/// at the same address. Everything it writes (stdout and stderr, every incarnation) goes to one log file, which the
/// fuzz run greps for planted values.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _ledgerDll;
    private readonly string _logPath;
    private readonly string _signingKey;
    private readonly StreamWriter _log;
    private readonly object _logLock = new();
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>The development key the service trusts (what the hostile-token run signs its near-valid tokens with).</summary>
    public string SigningKey => _signingKey;
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public string ConnectionString { get; set; }
    public string LogPath => _logPath;
    public int Starts { get; private set; }

    /// <summary>Extra configuration for every start (environment variables, applied last).</summary>
    public Dictionary<string, string> Settings { get; } = new();

    /// <param name="signingKey">Shared by nodes that must accept the same tokens; a fresh one when null.</param>
    public ServiceProcess(string ledgerDll, string connectionString, string logPath, string? signingKey = null)
    {
        _signingKey = signingKey ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _ledgerDll = ledgerDll;
        ConnectionString = connectionString;
        _logPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    /// <summary>A token for every role in the given countries (one principal drives the whole load; its rate limit is lifted).</summary>
    public string Token(string subject, IReadOnlyList<string> countries) =>
        DevelopmentTokens.Issue(new AuthOptions { SigningKey = _signingKey },
            new TokenRequest(subject, [Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin], countries, null, TimeSpan.FromHours(12)),
            DateTimeOffset.UtcNow);

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet", [_ledgerDll, "--urls", Address.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // The content root is the working directory: from the build output, the shipped appsettings.json applies.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(_ledgerDll))!,
        };
        info.Environment["ConnectionStrings__Ledger"] = ConnectionString;
        info.Environment["Ledger__Auth__SigningKey"] = _signingKey;
        // Production below (the shipped log levels) with the development key: the fault suite has no issuer. Accepted
        // knowingly; the service logs a warning at every start (which the leak check reads past: it names no value).
        info.Environment["Ledger__Auth__AllowSigningKeyInProduction"] = "true";
        info.Environment["Ledger__RateLimits__PerPrincipalPerMinute"] = int.MaxValue.ToString();
        // Webhook subscriptions the fuzz run creates point at 127.0.0.1 (discard port): nothing leaves the machine.
        info.Environment["Ledger__Webhooks__AllowLoopback"] = "true";
        // The shipped appsettings.json log levels, as in production: the leak check reads what an operator would read.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // A throwaway cluster: its key ring need not be encrypted at rest (Production would otherwise refuse to start).
        info.Environment["Ledger__DataProtection__AllowUnprotectedKeys"] = "true";
        foreach (var (key, value) in Settings) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the service");
        var incarnation = ++Starts;
        process.OutputDataReceived += (_, e) => Write(incarnation, "out", e.Data);
        process.ErrorDataReceived += (_, e) => Write(incarnation, "err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Write(int incarnation, string stream, string? line)
    {
        if (line is null) return;
        lock (_logLock) _log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{incarnation} {stream}] {line}");
    }

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown hook runs, in-flight requests die.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits until <c>/health</c> answers at all (any status: a stalled projection must not block a restart).</summary>
    public async Task WaitUntilListeningAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited) throw new InvalidOperationException($"the service exited with {_process?.ExitCode}; see {_logPath}");
            try { await http.GetAsync("/health"); return; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the service did not answer within {limit.TotalSeconds} s; see {_logPath}");
    }

    /// <summary>A loopback port free at this moment (for the service, and for the two-node run's webhook receiver).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        lock (_logLock) _log.Dispose();
    }
}
