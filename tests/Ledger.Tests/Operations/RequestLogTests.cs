using System.Collections.Concurrent;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Ledger.Tests.Operations;

/// <summary>The service with every log message captured with its category, at every level.</summary>
public class CategorizedLogsApp : LedgerApp
{
    public ConcurrentQueue<(string Category, string Message)> Logged { get; } = new();

    public IReadOnlyList<string> RequestLines => Logged.Where(l => l.Category == "Ledger.Requests").Select(l => l.Message).ToList();

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new Provider(Logged));
    }

    private sealed class Provider(ConcurrentQueue<(string, string)> logged) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, logged);
        public void Dispose() { }
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logged.Enqueue((category, formatter(state, exception)));
    }
}

/// <summary><c>Ledger:Telemetry:RequestLog</c> on: one line per request.</summary>
public sealed class RequestLogApp : CategorizedLogsApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ledger:Telemetry:RequestLog"] = "true" };
}

public class RequestLogTests(RequestLogApp app) : IClassFixture<RequestLogApp>
{
    [Fact]
    public async Task When_asked_for_each_request_is_one_line_with_its_route_pattern_status_and_duration_and_no_ids()
    {
        var traveller = await app.RegisterTravellerAsync();
        var before = app.RequestLines.Count;
        (await app.Http.GetAsync($"/travellers/{traveller}/status?on={app.DaysAgo(1)}")).EnsureSuccessStatusCode();
        (await app.Http.GetAsync($"/travellers/{Guid.NewGuid()}/status")).Dispose();

        await Eventually.HoldsAsync(() => Task.FromResult(app.RequestLines.Count == before + 2), "one line for each of the two requests");
        var lines = app.RequestLines.Skip(before).ToList();
        Assert.All(lines, l => Assert.Matches(@"^GET /travellers/\{id\}/status \d{3} \d+\.\d ms$", l));
        Assert.EndsWith("ms", lines[0]);
        Assert.Contains(" 200 ", lines[0]);
        Assert.Contains(" 404 ", lines[1]);
        Assert.DoesNotContain(app.Logged, l => l.Message.Contains(traveller.ToString()) && l.Category == "Ledger.Requests");
    }
}

public class DefaultRequestLogTests(CategorizedLogsApp app) : IClassFixture<CategorizedLogsApp>
{
    [Fact]
    public async Task By_default_requests_are_not_logged_one_by_one()
    {
        var traveller = await app.RegisterTravellerAsync();
        (await app.Http.GetAsync($"/travellers/{traveller}/status")).EnsureSuccessStatusCode();
        Assert.Empty(app.RequestLines);
    }
}
