using System.Diagnostics;

namespace Ledger.Faults;

/// <summary>
/// The private cluster <c>bench/faults/run</c> started with <c>scripts/pg</c> (never the one <c>scripts/test</c> uses):
/// killed with SIGKILL (postmaster first, then its children, as a machine crash would leave it) and started again on
/// the same port when it is still free, so the service's connection string stays valid.
/// </summary>
public sealed class PostgresCluster(string dir, string scriptsPg)
{
    public async Task KillAsync()
    {
        var pidFile = Path.Combine(dir, "data", "postmaster.pid");
        var postmaster = int.Parse(File.ReadLines(pidFile).First().Trim());
        var children = Children(postmaster);
        Signal(postmaster);
        foreach (var child in children) Signal(child);
        // Wait for every process of the cluster to be gone, so the restart finds no shared memory still attached.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && children.Append(postmaster).Any(Alive)) await Task.Delay(50);
        // Where PID 1 does not reap orphans (some containers), the dead postmaster stays a zombie and pg_ctl would take
        // the cluster for running; the lock file names a process that is gone either way, so it goes, as after a reboot.
        if (Alive(postmaster)) return;
        File.Delete(pidFile);
        foreach (var socketLock in Directory.GetFiles(dir, ".s.PGSQL.*.lock")) File.Delete(socketLock);
    }

    /// <summary>Starts the cluster again (crash recovery replays the WAL); returns its connection string.</summary>
    public async Task<string> StartAsync(int port)
    {
        var info = new ProcessStartInfo(scriptsPg, ["start", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["PGPORT_FROM"] = port.ToString();
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/pg start failed: {error}");
        return output.Trim();
    }

    public static int PortOf(string connectionString) =>
        int.Parse(connectionString.Split(';').Select(p => p.Split('=', 2)).First(p => p[0].Trim().Equals("Port", StringComparison.OrdinalIgnoreCase))[1]);

    private static List<int> Children(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList() : [];
    }

    private static void Signal(int pid)
    {
        try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    private static bool Alive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "); }
        catch (IOException) { return false; } // gone (FileNotFound or DirectoryNotFound)
    }
}
