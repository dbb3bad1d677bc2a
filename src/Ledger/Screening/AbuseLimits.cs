using System.Threading.RateLimiting;
using Ledger.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Screening;

/// <summary>
/// Limits that keep one client from exhausting the service (<c>Ledger:RateLimits</c>, <c>Ledger:Limits</c>): requests
/// per principal per minute (stricter for partner principals), and the size of request bodies.
/// </summary>
public sealed class AbuseLimits
{
    public const string RateSection = "Ledger:RateLimits";
    public const string SizeSection = "Ledger:Limits";

    public int PerPrincipalPerMinute { get; set; } = 6000;
    public int PartnerPerMinute { get; set; } = 60;
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>For routes built for volume (<c>/crossings/batch</c>).</summary>
    public long MaxBatchBodyBytes { get; set; } = 4 * 1024 * 1024;
    /// <summary>For <c>POST /imports</c>: room for its 100,000 lines (about 150 bytes each as JSON lines).</summary>
    public long MaxImportBodyBytes { get; set; } = 32 * 1024 * 1024;

    public static AbuseLimits Add(WebApplicationBuilder builder)
    {
        var limits = new AbuseLimits();
        builder.Configuration.GetSection(RateSection).Bind(limits);
        builder.Configuration.GetSection(SizeSection).Bind(limits);
        if (limits.PerPrincipalPerMinute < 1 || limits.PartnerPerMinute < 1 || limits.MaxBodyBytes < 1024 || limits.MaxBatchBodyBytes < limits.MaxBodyBytes || limits.MaxImportBodyBytes < limits.MaxBodyBytes)
            throw new InvalidOperationException($"{RateSection} must allow at least 1 request per minute; {SizeSection}:MaxBodyBytes at least 1024, MaxBatchBodyBytes and MaxImportBodyBytes at least MaxBodyBytes");
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(limits.MaxBatchBodyBytes, limits.MaxImportBodyBytes));
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString();
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails { Status = 429, Title = "Too many requests", Detail = "this principal's request limit is reached; retry after the time in Retry-After" },
                });
            };
        });
        return limits;
    }

    /// <summary>One fixed one-minute window per principal; a principal that is only a partner gets the partner limit.</summary>
    private static RateLimitPartition<string> Partition(HttpContext http, AbuseLimits limits)
    {
        string key;
        int permits;
        // Load balancers and monitors poll /health without a token; they must not be told 429.
        if (http.Request.Path.StartsWithSegments("/health")) return RateLimitPartition.GetNoLimiter("health");
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var caller = Caller.Of(http);
            var partnerOnly = caller.Roles.Count == 1 && caller.Is(Role.Partner);
            key = (partnerOnly ? "partner:" : "principal:") + caller.Subject;
            permits = partnerOnly ? limits.PartnerPerMinute : limits.PerPrincipalPerMinute;
        }
        else
        {
            key = "anonymous:" + http.Connection.RemoteIpAddress;
            permits = limits.PerPrincipalPerMinute;
        }
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });
    }

    /// <summary>Bodies above the limit are refused with 413 when read; batch routes and imports get their own, larger limits.</summary>
    public static Task ApplyBodyLimit(HttpContext http, Func<Task> next)
    {
        var limits = http.RequestServices.GetRequiredService<AbuseLimits>();
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = http.Request.Path.Value switch
            {
                "/imports" => limits.MaxImportBodyBytes,
                { } path when path.EndsWith("/batch", StringComparison.Ordinal) => limits.MaxBatchBodyBytes,
                _ => limits.MaxBodyBytes,
            };
        return next();
    }
}
