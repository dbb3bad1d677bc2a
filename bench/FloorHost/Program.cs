using Ledger.FloorHost;
using Ledger.Hosting;
using Wolverine;

// The service exactly as it ships (same LedgerHost: authentication, limits, screening, Marten, Wolverine), plus the
// floor endpoint from this assembly. bench/run measures it beside the real crossing endpoint, in the same run.
// The ledger's own code is pre-generated; the floor endpoint is not, so this host generates what it lacks at start-up
// (Auto: pre-generated types are used where they exist). Warmed up by the benchmark before it measures.
var app = LedgerHost.Build(args, builder =>
    builder.Services.ConfigureWolverine(o =>
    {
        o.Discovery.IncludeAssembly(typeof(FloorEndpoint).Assembly);
        o.UseRuntimeCompilation();
        o.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Auto;
    }));
await app.RunAsync();
