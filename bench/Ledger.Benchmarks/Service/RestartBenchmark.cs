using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Ledger.Benchmarks.Service;

/// <summary>One kill and restart: seconds from <c>kill -9</c> to the first 200 on /health and to the first 201 on a write.</summary>
/// <remarks>
/// <see cref="FirstWriteMs"/>: how long the accepted write itself took (what start-up left for the first request);
/// <see cref="CpuSeconds"/>: CPU the restarted process used up to then.
/// </remarks>
public sealed record RestartRun(double ToHealthSeconds, double ToFirstWriteSeconds, double FirstWriteMs, double CpuSeconds);

public sealed record RestartResult(
    double RestartToFirstWriteSeconds, double RestartToHealthSeconds, double FirstWriteMs, double RestartCpuSeconds, IReadOnlyList<RestartRun> Runs);

/// <summary>
/// How long a crashed instance is out of service: the service runs in its own process on a database that already holds
/// a traveller; it is killed with SIGKILL (no shutdown, as a crash or an OOM kill), started again on the same port with
/// the same configuration, and the clock runs from the kill until the restarted process answers 201 to a crossing.
/// What a client sees, everything included: process start, the runtime, host build, schema check, Wolverine and Marten
/// start-up, and whatever the first request still has to do. Repeated; the median is the figure.
/// </summary>
public static class RestartBenchmark
{
    public const int Repeats = 3;

    /// <summary>How often the client knocks while the service is down (the figures' resolution).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static async Task<RestartResult> RunAsync(string ledgerDll, string connectionString, int repeats = Repeats)
    {
        var key = ServiceProcess.NewSigningKey();
        var port = ServiceProcess.FreePort();
        // First start: creates the schema (a restart finds it in place, as in production) and the traveller.
        var service = ServiceProcess.Launch(ledgerDll, connectionString, key, port);
        var runs = new List<RestartRun>();
        try
        {
            await FirstAnswerAsync(service, () => service.Http.GetAsync("/health"), HttpStatusCode.OK, TimeSpan.FromSeconds(120));
            var traveller = await RegisterAsync(service);
            await FirstAnswerAsync(service, () => RecordCrossingAsync(service, traveller, 0), HttpStatusCode.Created, TimeSpan.FromSeconds(60));

            for (var i = 1; i <= repeats; i++)
            {
                var killed = Stopwatch.GetTimestamp();
                await service.KillAsync();
                await service.DisposeAsync();
                service = ServiceProcess.Launch(ledgerDll, connectionString, key, port);
                var s = service;
                var write = i;
                var health = FirstAnswerAsync(s, () => s.Http.GetAsync("/health"), HttpStatusCode.OK, TimeSpan.FromSeconds(120));
                var firstWrite = FirstAnswerAsync(s, () => RecordCrossingAsync(s, traveller, write), HttpStatusCode.Created, TimeSpan.FromSeconds(120));
                await Task.WhenAll(health, firstWrite);
                var (healthAnswered, _) = await health;
                var (writeAnswered, writeTook) = await firstWrite;
                var run = new RestartRun(
                    Stopwatch.GetElapsedTime(killed, healthAnswered).TotalSeconds,
                    Stopwatch.GetElapsedTime(killed, writeAnswered).TotalSeconds,
                    writeTook.TotalMilliseconds, s.CpuSeconds());
                Console.WriteLine($"  restart {i}: /health after {run.ToHealthSeconds:N2} s, first write after {run.ToFirstWriteSeconds:N2} s " +
                    $"(the write itself {run.FirstWriteMs:N0} ms; {run.CpuSeconds:N2} CPU s)");
                runs.Add(run);
            }
        }
        finally
        {
            await service.DisposeAsync();
        }
        return new RestartResult(Median(runs.Select(r => r.ToFirstWriteSeconds)), Median(runs.Select(r => r.ToHealthSeconds)),
            Median(runs.Select(r => r.FirstWriteMs)), Median(runs.Select(r => r.CpuSeconds)), runs);
    }

    /// <summary>Asks until the answer has the wanted status; returns the timestamp of that answer and how long it took.</summary>
    private static async Task<(long At, TimeSpan Took)> FirstAnswerAsync(ServiceProcess service, Func<Task<HttpResponseMessage>> ask, HttpStatusCode wanted, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        HttpStatusCode? last = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (service.HasExited) throw new InvalidOperationException("the service exited while starting");
            try
            {
                var asked = Stopwatch.GetTimestamp();
                using var response = await ask();
                if (response.StatusCode == wanted) return (Stopwatch.GetTimestamp(), Stopwatch.GetElapsedTime(asked));
                last = response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { } // not listening yet
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"no {(int)wanted} within {limit.TotalSeconds} s (last answer: {(last is null ? "none" : ((int)last).ToString())})");
    }

    private static async Task<Guid> RegisterAsync(ServiceProcess service)
    {
        var response = await service.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    /// <summary>A new crossing each time (entries and exits in turn, a day apart): every one is a real append.</summary>
    private static Task<HttpResponseMessage> RecordCrossingAsync(ServiceProcess service, Guid traveller, int n) =>
        service.Http.PostAsJsonAsync($"/travellers/{traveller}/crossings", new
        {
            crossingId = $"restart-{n}", direction = n % 2 == 0 ? "entry" : "exit", country = "FR",
            date = new DateOnly(2024, 1, 1).AddDays(n).ToString("yyyy-MM-dd"),
        });

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record IdOnly(Guid Id);
}
