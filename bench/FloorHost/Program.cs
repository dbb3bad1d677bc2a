using Ledger.FloorHost;
using Ledger.Hosting;
using Wolverine;
using Ledger.Screening;

// The service as it ships (same LedgerHost: authentication, limits, screening, Marten, Wolverine), plus the floor
// endpoints from this assembly. bench/run measures it beside the real crossing endpoint, in the same run.
// The ledger's own code is pre-generated; the floor endpoint is not, so this host generates its code in memory at
// start-up (Dynamic: Auto would also write the files into the working directory). Warmed up before it is measured.
// One difference: the bulk floor (FloorImportEndpoint, a /batch route) takes the import benchmark's whole file in one
// request, as POST /imports does, so this host's batch body limit is the default import limit.
var app = LedgerHost.Build([.. args, $"--{AbuseLimits.SizeSection}:MaxBatchBodyBytes={new AbuseLimits().MaxImportBodyBytes}"], builder =>
    builder.Services.ConfigureWolverine(o =>
    {
        o.Discovery.IncludeAssembly(typeof(FloorEndpoint).Assembly);
        o.UseRuntimeCompilation();
        o.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Dynamic;
    }));
await app.RunAsync();
