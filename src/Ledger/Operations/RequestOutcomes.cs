using System.Diagnostics;

namespace Ledger.Operations;

/// <summary>
/// Sits outside everything else (the exception handler included), so it sees the status a client finally got: counts
/// writes by outcome (<see cref="LedgerMetrics"/>), and, when <c>Ledger:Telemetry:RequestLog</c> is true, logs one
/// line per request (category <c>Ledger.Requests</c>): method, route pattern, status, milliseconds. The route pattern,
/// never the path or query: those carry ids and values.
/// </summary>
public sealed class RequestOutcomes(RequestDelegate next, LedgerMetrics metrics, TelemetryOptions options, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("Ledger.Requests");

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        // Taken now: routing has run, and the exception handler clears the endpoint when it answers for a failure.
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        try
        {
            await next(http);
        }
        finally
        {
            var method = http.Request.Method;
            var status = http.Response.StatusCode;
            if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)))
                metrics.WriteAnswered(method, route, status);
            if (options.RequestLog)
                _log.LogInformation("{Method} {Route} {Status} {ElapsedMs:0.0} ms", method, route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
