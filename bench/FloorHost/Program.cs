using Ledger.FloorHost;
using Ledger.Hosting;
using Wolverine;

// The service exactly as it ships (same LedgerHost: authentication, limits, screening, Marten, Wolverine), plus the
// floor endpoints from this assembly. bench/run measures it beside the real crossing endpoint, in the same run.
// The ledger's own code is pre-generated; the floor endpoint is not, so this host generates its code in memory at
// start-up (Dynamic: Auto would also write the files into the working directory). Warmed up before it is measured.
// The bulk floor (FloorImportEndpoint) takes the import benchmark's whole file in one request, as POST /imports does.
var app = LedgerHost.Build([.. args, $"--{AbuseLimits.SizeSection}:MaxBatchBodyBytes={new AbuseLimits().MaxImportBodyBytes}"], builder =>
    builder.Services.ConfigureWolverine(o =>
    {
        o.Discovery.IncludeAssembly(typeof(FloorEndpoint).Assembly);
        o.UseRuntimeCompilation();
        o.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Dynamic;
    }));
await app.RunAsync();
