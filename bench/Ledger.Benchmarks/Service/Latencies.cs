using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ledger.Benchmarks.Service;

/// <summary>Request latencies of one measurement, and the wall time around all of them.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _ms = [];
    public TimeSpan Wall { get; set; }

    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        _ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>Several runs as one: all their latencies, their wall times added.</summary>
    public static Latencies Combine(IEnumerable<Latencies> runs)
    {
        var all = new Latencies();
        foreach (var run in runs)
        {
            foreach (var ms in run._ms) all._ms.Add(ms);
            all.Wall += run.Wall;
        }
        return all;
    }

    public int Count => _ms.Count;
    public double PerSecond => Count / Wall.TotalSeconds;

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> with <paramref name="clients"/> concurrent workers.</summary>
    public static async Task<Latencies> RunAsync<T>(IReadOnlyList<T> items, int clients, Func<T, Latencies, Task> work)
    {
        var latencies = new Latencies();
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count) await work(items[i], latencies);
        }));
        latencies.Wall = wall.Elapsed;
        return latencies;
    }
}
