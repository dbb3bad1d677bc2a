using JasperFx;
using Ledger.Hosting;
using Ledger.Stays.CommandLine;

// `stays ...` is the database-free stay calculator; everything else is the service (and the JasperFx
// commands that come with the Critter Stack: `codegen`, `db-apply`, `projections`, ...).
if (args.Length > 0 && args[0] == "stays")
    return StaysCommand.Run(args[1..], Console.In, Console.Out, Console.Error);

var app = LedgerHost.Build(args);
return await app.RunJasperFxCommands(args);
