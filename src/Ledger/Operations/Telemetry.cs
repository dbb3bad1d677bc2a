using JasperFx.OpenTelemetry;
using Marten;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Operations;

/// <summary>
/// OpenTelemetry for the service. Metrics always, served to Prometheus at <c>/metrics</c> (see
/// <see cref="MetricsAccess"/> for who may read it): ASP.NET Core's (<c>http_server_request_duration_seconds</c> by
/// <c>http_route</c> and <c>http_response_status_code</c>), the ledger's own (<see cref="LedgerMetrics"/>), Wolverine's
/// (meter <c>Wolverine:ledger</c>: messages succeeded, failed, dead-lettered, execution time), Marten's (connections,
/// events appended) and Npgsql's. Traces (ASP.NET Core, Wolverine, Marten and Npgsql activity sources) and an OTLP
/// copy of the metrics only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other standard
/// <c>OTEL_*</c> variables itself): no tracing cost otherwise.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "ledger";
    public const string MetricsPath = "/metrics";

    public static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions());
        services.AddSingleton<OperationsSampler>();
        services.AddSingleton<LedgerMetrics>();
        services.ConfigureMarten((provider, opts) =>
        {
            opts.Listeners.Add(new CommittedWarnings(provider.GetRequiredService<LedgerMetrics>()));
            opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            opts.OpenTelemetry.TrackEventCounters();
        });

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(LedgerMetrics.MeterName, "Wolverine*", "Marten*", "Npgsql")
                    // No response cache: a scrape shows the counters as they are (Prometheus scrapes every few seconds at most).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Wolverine", "Marten")
                .AddNpgsql()
                .AddOtlpExporter());
            services.AddHostedService<PeriodicSampling>();
        }
    }

    /// <summary>First in the pipeline: it must see the status every other middleware settled on.</summary>
    public static void UseRequestOutcomes(WebApplication app) => app.UseMiddleware<RequestOutcomes>();

    public static void MapMetrics(WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.UseMiddleware<MetricsAccess>(), optionsName: null)
            .AllowAnonymous();
}
