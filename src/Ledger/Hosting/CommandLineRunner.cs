using System.CommandLine;

namespace Ledger.Hosting;

/// <summary>How every verb of the ledger's command line ends: 0 when it answered, 2 with one line on stderr for bad input.</summary>
public static class CommandLineRunner
{
    /// <param name="verb">The verb as typed (<c>stays</c>, <c>tokens</c>): help then reads <c>Ledger stays check …</c>.</param>
    public static int Run(Command verb, string[] args, TextWriter stdout, TextWriter stderr, Func<Exception, bool> isBadInput)
    {
        var name = verb.Name;
        var root = new RootCommand(verb.Description ?? name) { verb };
        var parsed = root.Parse([name, .. args]);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"{name}: {parsed.Errors[0].Message}");
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (isBadInput(e))
        {
            stderr.WriteLine($"{name}: {e.Message}");
            return 2;
        }
    }
}
