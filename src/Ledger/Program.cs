using JasperFx;
using Ledger.Access;
using Ledger.Demo;
using Ledger.Hosting;
using Ledger.Stays.CommandLine;

// `stays ...` is the database-free stay calculator; `tokens issue ...` mints development tokens with the service's own
// configuration; `demo` loads docs/examples.md into a running ledger over HTTP; everything else is the service (and the JasperFx commands that come with the Critter Stack:
// `codegen`, `db-apply`, `projections`, ...).
if (args.Length > 0 && args[0] == "stays")
    return StaysCommand.Run(args[1..], Console.In, Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "import")
    return Ledger.Imports.ImportCommand.Run(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "tokens")
    return TokensCommand.Run(args[1..], WebApplication.CreateBuilder().Configuration, Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "demo")
    return DemoCommand.Run(args[1..], WebApplication.CreateBuilder().Configuration, Console.Out, Console.Error);

if (args.Length > 1 && args[0] == "db" && args[1] == "apply")
    return await Ledger.Hardening.DatabaseSchema.ApplyAsync(args[2..], Console.Out, Console.Error);

if (args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "help")
{
    Console.Out.Write(LedgerHost.Usage);
    return 0;
}

WebApplication app;
try { app = LedgerHost.Build(args); }
catch (StartupRefusedException refused)
{
    // A setting the operator must change: one line that says which, and a failed exit (no stack trace to read past).
    Console.Error.WriteLine($"Ledger will not start: {refused.Message}");
    return 1;
}
return await app.RunJasperFxCommands(args);
