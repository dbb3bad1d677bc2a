using Ledger.Screening;
namespace Ledger.Faults;

/// <summary>Sizes of a fault run; <c>--short</c> is the bounded run <c>scripts/test</c> makes, the default the full one.</summary>
public sealed class FaultOptions
{
    public bool Short { get; private set; }
    public required string ConnectionString { get; init; }
    public required string PostgresDir { get; init; }
    public required string ScriptsPg { get; init; }
    public required string LedgerDll { get; init; }
    public string? Output { get; private set; }
    public int Clients { get; private set; } = 8;
    public int Travellers { get; private set; } = 32;
    public int WarningTravellers { get; private set; } = 40;
    public TimeSpan WarningSpacing { get; private set; } = TimeSpan.FromMilliseconds(1500);
    public TimeSpan WarningWait { get; private set; } = TimeSpan.FromSeconds(60);
    public int ServiceKills { get; private set; } = 4;
    public int PostgresKills { get; private set; } = 2;
    public int PauseMinMs { get; private set; } = 3000;
    public int PauseMaxMs { get; private set; } = 12000;
    public TimeSpan CrashPhaseLimit { get; private set; } = TimeSpan.FromMinutes(6);
    public int FuzzRequests { get; private set; } = 6000;
    public int Seed { get; private set; } = Environment.TickCount;
    /// <summary><c>--two-nodes-only</c>: only the two-node run (to work on it; the full and short runs include it).</summary>
    public bool TwoNodesOnly { get; private set; }
    /// <summary>
    /// <c>--kill leader|other</c>: which node the two-node run kills. Unset: the short run kills the leader, the full run
    /// runs twice (the leader, then the other node), and <c>--repeat</c> alternates, starting with the leader.
    /// </summary>
    public KillTarget? Kill { get; private set; }
    /// <summary><c>--repeat N</c> (with <c>--two-nodes-only</c>): N two-node runs with seeds Seed, Seed+1, …; the worst is reported.</summary>
    public int Repeat { get; private set; } = 1;

    /// <summary>The two-node runs this invocation makes: (which node to kill, seed).</summary>
    public IReadOnlyList<(KillTarget Target, int Seed)> TwoNodeRuns()
    {
        if (TwoNodesOnly)
            return Enumerable.Range(0, Repeat).Select(i => (Kill ?? (i % 2 == 0 ? KillTarget.Leader : KillTarget.Other), Seed + i)).ToList();
        if (Kill is { } kill || Short) return [(Kill ?? KillTarget.Leader, Seed)];
        return [(KillTarget.Leader, Seed), (KillTarget.Other, Seed + 1)];
    }

    public static FaultOptions Parse(string[] args)
    {
        string Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
        string? Optional(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var options = new FaultOptions
        {
            ConnectionString = Value("--connection"), PostgresDir = Value("--pg-dir"), ScriptsPg = Value("--scripts-pg"), LedgerDll = Value("--ledger-dll"),
        };
        options.Output = Optional("--output");
        options.TwoNodesOnly = args.Contains("--two-nodes-only");
        if (args.Contains("--short"))
        {
            options.Short = true;
            options.Clients = 8; options.Travellers = 16; options.WarningTravellers = 8;
            options.WarningSpacing = TimeSpan.FromMilliseconds(1000);
            options.ServiceKills = 1; options.PostgresKills = 1; options.PauseMinMs = 2000; options.PauseMaxMs = 5000;
            options.CrashPhaseLimit = TimeSpan.FromMinutes(2); options.FuzzRequests = 1000;
        }
        if (Optional("--clients") is { } clients) options.Clients = int.Parse(clients);
        if (Optional("--service-kills") is { } sk) options.ServiceKills = int.Parse(sk);
        if (Optional("--postgres-kills") is { } pk) options.PostgresKills = int.Parse(pk);
        if (Optional("--fuzz") is { } fuzz) options.FuzzRequests = int.Parse(fuzz);
        if (Optional("--seed") is { } seed) options.Seed = int.Parse(seed);
        if (Optional("--repeat") is { } repeat) options.Repeat = int.Parse(repeat) is > 0 and var n ? n : throw new ArgumentException("--repeat takes a count of 1 or more");
        if (Optional("--kill") is { } kill)
            options.Kill = kill switch
            {
                "leader" => KillTarget.Leader,
                "other" => KillTarget.Other,
                _ => throw new ArgumentException("--kill takes 'leader' or 'other'"),
            };
        return options;
    }
}
