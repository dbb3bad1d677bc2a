using Ledger.FloorHost;
using Ledger.Hosting;
using Wolverine;

// The service exactly as it ships (same LedgerHost: authentication, limits, screening, Marten, Wolverine), plus the
// floor endpoint from this assembly. bench/run measures it beside the real crossing endpoint, in the same run.
// The ledger's own code is pre-generated; the floor endpoint is not, so this host generates its code in memory at
// start-up (Dynamic: Auto would also write the files into the working directory). Warmed up before it is measured.
var app = LedgerHost.Build(args, builder =>
    builder.Services.ConfigureWolverine(o =>
    {
        o.Discovery.IncludeAssembly(typeof(FloorEndpoint).Assembly);
        o.UseRuntimeCompilation();
        o.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Dynamic;
    }));
await app.RunAsync();
