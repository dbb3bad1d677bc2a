using Ledger.FloorHost;
using Ledger.Hosting;
using Wolverine;

// The service exactly as it ships (same LedgerHost: authentication, limits, screening, Marten, Wolverine), plus the
// floor endpoint from this assembly. bench/run measures it beside the real crossing endpoint, in the same run.
var app = LedgerHost.Build(args, builder =>
    builder.Services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(FloorEndpoint).Assembly)));
await app.RunAsync();
