using Microsoft.Extensions.Logging;

namespace Ledger.Tests.Support;

/// <summary>
/// The test hosts' console log: one line per entry, an exception by its type and first message line only. Faults the
/// tests cause on purpose (a terminated connection, a missing table) make Marten and Wolverine log errors with whole
/// stack traces, which buried the output of passing tests; a failing test still shows its own assertion and trace.
/// </summary>
public sealed class BriefConsoleLoggerProvider : ILoggerProvider
{
    private static readonly object Gate = new();

    public ILogger CreateLogger(string categoryName) => new BriefLogger(categoryName);

    public void Dispose() { }

    private sealed class BriefLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = FirstLine(formatter(state, exception));
            var cause = exception is null ? "" : $" [{exception.GetType().Name}: {FirstLine(exception.Message)}]";
            lock (Gate) Console.Out.WriteLine($"{logLevel.ToString().ToLowerInvariant()}: {category}: {message}{cause}");
        }

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(['\r', '\n']);
            return end < 0 ? text : text[..end] + " …";
        }
    }
}
