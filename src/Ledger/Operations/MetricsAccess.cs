using System.Net;
using Ledger.Access;
using Microsoft.AspNetCore.Authentication;

namespace Ledger.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: anyone on the same machine (a Prometheus or agent on loopback, no token needed) unless
/// <c>Ledger:Telemetry:AnonymousMetricsOnLoopback</c> is false; from anywhere else, an admin's bearer token (Prometheus
/// sends one with <c>authorization: credentials_file</c>). Then the gauges are read fresh and the exporter answers.
/// </summary>
public sealed class MetricsAccess(RequestDelegate next, TelemetryOptions options, OperationsSampler sampler)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (!(options.AnonymousMetricsOnLoopback && remote is not null && IPAddress.IsLoopback(remote)))
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await http.ChallengeAsync(); // 401 problem with WWW-Authenticate: Bearer, like every other route
                return;
            }
            Caller.Of(http).MayOperate();
        }
        await sampler.RefreshAsync(http.RequestAborted);
        await next(http);
    }
}
