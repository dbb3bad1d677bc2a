using System.Text.RegularExpressions;

namespace Ledger.Benchmarks.Service;

/// <summary>What the figures were measured on: processor, cores, memory, the disk under the data and the OS (Linux facts; "unknown" elsewhere).</summary>
public static partial class Machine
{
    public static string Describe() =>
        $"{Cpu()}, {Environment.ProcessorCount} cores, {MemoryGib()} GiB memory, {Disk()}, {Environment.OSVersion}";

    private static string Cpu() => FirstMatch("/proc/cpuinfo", ModelName()) ?? "processor unknown";

    private static string MemoryGib() =>
        FirstMatch("/proc/meminfo", MemTotal()) is { } kb && long.TryParse(kb, out var k) ? $"{k / (1024.0 * 1024):N0}" : "unknown";

    /// <summary>The temporary folder's device (the benchmark's PostgreSQL cluster lives there): solid-state or rotational as the kernel reports it.</summary>
    private static string Disk()
    {
        try
        {
            var mount = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2 && Path.GetTempPath().StartsWith(f[1], StringComparison.Ordinal))
                .MaxBy(f => f[1].Length);
            if (mount is null) return "disk unknown";
            var device = Path.GetFileName(mount[0]);
            var rotational = File.Exists($"/sys/block/{device}/queue/rotational") ? File.ReadAllText($"/sys/block/{device}/queue/rotational").Trim() : null;
            var kind = rotational switch { "0" => "solid-state", "1" => "rotational or virtual (the kernel says rotational)", _ => "kind unknown" };
            return $"data on {mount[2]} on {device} ({kind})";
        }
        catch (IOException) { return "disk unknown"; }
        catch (UnauthorizedAccessException) { return "disk unknown"; }
    }

    private static string? FirstMatch(string file, Regex pattern)
    {
        try { return File.Exists(file) ? File.ReadLines(file).Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value.Trim() : null; }
        catch (IOException) { return null; }
    }

    [GeneratedRegex(@"^model name\s*:\s*(.+)$")]
    private static partial Regex ModelName();

    [GeneratedRegex(@"^MemTotal:\s*(\d+) kB")]
    private static partial Regex MemTotal();
}
