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
        return options;
    }
}
