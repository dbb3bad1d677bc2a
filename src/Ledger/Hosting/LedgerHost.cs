using JasperFx;
using JasperFx.CodeGeneration;
using Ledger.Access;
using Ledger.Hardening;
using Ledger.Operations;
using Ledger.Projections.Sharing;
using Ledger.Projections.StayRules;
using Ledger.Warnings;
using Ledger.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.ApiDocument;
using Ledger.Problems;

namespace Ledger.Hosting;

/// <summary>Builds the service: Marten event store + projections, Wolverine handlers + HTTP, problem details.</summary>
public static class LedgerHost
{
    public const string ConnectionStringName = "Ledger";

    /// <summary>What <c>Ledger --help</c> prints: every verb as it is typed; needs no database or configuration.</summary>
    public const string Usage = """
        Usage: Ledger [verb] [options]

        Verbs:
          (none)            run the service (needs ConnectionStrings__Ledger and Ledger__Auth__*; see docs/operations.md)
          stays check       days used, remaining, stay-until and violations on a date (no database)
          stays plan        how many consecutive days an entry on a date allows (no database)
          stays earliest    earliest entry date for a stay of N consecutive days (no database)
          tokens issue      print a development token signed with Ledger:Auth:SigningKey
          import FILE       send a file of crossings to a running service (--url URL [--token T]; POST /imports)
          demo              load the examples of docs/examples.md into a running ledger (--url, --token)
          codegen write     regenerate src/Ledger/Internal/Generated (use scripts/codegen)
          db apply          apply the schema as the owner role (for a service run with Ledger:Database:ApplySchema=false)
          db-apply, projections, resources, describe
                            the JasperFx commands of Marten and Wolverine (they need the database)

        `Ledger stays --help`, `Ledger tokens issue --help`: the options of a verb.

        """;

    /// <param name="configure">Lets tests point the host at their own database or clock before it is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        // Fail at start-up, with the file's own error message, if the versioned rule data is invalid. The rule set is a
        // dependency from here on: a test may register another one before this runs.
        var rules = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(RuleSet))?.ImplementationInstance as RuleSet ?? RuleSet.Default;
        builder.Services.TryAddSingleton(rules);
        _ = SharingRules.Default;
        _ = Ledger.Projections.Visas.VisaCategories.Default;
        Ledger.TravelAuthorisations.TravelAuthorisationSetup.AddTravelAuthorisations(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No connection string '{ConnectionStringName}': set ConnectionStrings__{ConnectionStringName} or use scripts/run");

        DrillClock.Add(builder); // fault drills only, never in Production
        builder.Services.TryAddSingleton(TimeProvider.System); // tests put a controllable clock here first
        Ledger.Hardening.DatabaseSchema.AddDatabaseSchema(builder); // before every hosted service that reads a table: it checks first
        var warnings = builder.Configuration.GetSection(WarningOptions.Section).Get<WarningOptions>() ?? new WarningOptions();
        warnings.Validate(rules);
        builder.Services.AddSingleton(warnings);
        builder.Services.AddSingleton<Consequences>();
        WebhookSetup.Add(builder);
        builder.AddKeysAtRest(); // the Data Protection key ring encrypted with Ledger:DataProtection's certificate
        Ledger.Imports.ImportOptions.Add(builder);
        builder.Services.AddProblemDetails(ProblemShape.Configure); // one shape for every refusal (RFC 9457)
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        LedgerAuthentication.Add(builder);
        AbuseLimits.Add(builder);
        builder.Services.AddSingleton(Ledger.Travellers.IdentityVault.For(
            builder.Configuration.GetConnectionString(Ledger.Travellers.IdentityVault.KeysConnectionStringName) ?? connectionString));
        builder.Services.AddHostedService(services => services.GetRequiredService<Ledger.Travellers.IdentityVault>());
        builder.Services.AddSingleton(Ledger.Travellers.BlindIndex.For(
            builder.Configuration.GetConnectionString(Ledger.Travellers.IdentityVault.KeysConnectionStringName) ?? connectionString));
        builder.Services.AddHostedService(services => services.GetRequiredService<Ledger.Travellers.BlindIndex>());
        // Request lines carry query strings, and a traveller search's are personal data: never logged.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSingleton(Ledger.AccessLog.AccessLogTable.For(connectionString));
        builder.Services.AddHostedService(services => services.GetRequiredService<Ledger.AccessLog.AccessLogTable>());
        Ledger.AdminAudit.AdminAuditSetup.AddAdminAudit(builder);
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSchemeTransformer>();
            o.AddSchemaTransformer<RequestSchemaTransformer>();
            o.AddDocumentTransformer<NullableReferenceTransformer>();
            o.AddOperationTransformer(ApiOperations.Describe);
        });
        builder.Services.AddSingleton(builder.Configuration.GetSection(ProjectionHealthOptions.Section).Get<ProjectionHealthOptions>() ?? new ProjectionHealthOptions());
        // A singleton: it remembers each shard's position between checks, which is how it sees a stall.
        builder.Services.AddSingleton<ProjectionHealthCheck>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(ProjectionHealthOptions.Section).Get<ShardRestartOptions>() ?? new ShardRestartOptions());
        builder.Services.AddHostedService<ShardSupervisor>();
        builder.Services.AddSingleton(DatabaseHealthCheck.For(connectionString));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<ProjectionHealthCheck>("projections");
        builder.Services.ConfigureHttpJsonOptions(o => LedgerJson.Configure(o.SerializerOptions));
        Telemetry.Add(builder);
        Ledger.Pages.PageSetup.Add(builder);

        builder.Services.AddMarten(services =>
            {
                var opts = new StoreOptions();
                LedgerStore.Configure(opts, connectionString);
                opts.Logger(new QuietMartenLogger(services.GetRequiredService<ILoggerFactory>()));
                return opts;
            })
            .UseLightweightSessions()
            .ApplySchemaAtStartWhenAllowed(builder.Configuration) // Ledger:Database:ApplySchema (default true)
            // HotCold needs a lock package our feed lacks (see docs/operations.md): Wolverine distributes the async projections.
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true);

        builder.Host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(LedgerHost).Assembly;
            // Handlers and endpoints are generated ahead of time into Internal/Generated (scripts/codegen) and compiled
            // into this assembly: nothing is generated or compiled at start-up or on a first request.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.ForMessagesOfType<ITravellerCommand>().AddMiddleware(typeof(RecordingMiddleware));
            // A concurrent writer got there first: decide again against the new state (the handler re-validates).
            // A client's own If-Match mismatch is a LedgerProblem, not retried.
            opts.OnException<JasperFx.ConcurrencyException>().RetryWithCooldown(
                TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
            MessageFailurePolicies.Apply(opts); // transient database errors: retried with back-off before dead letters
            opts.Policies.UseDurableLocalQueues();
            // Solo: one node owns every agent (fast start, what a single instance wants). Balanced: several nodes
            // share agents, including the async projections distributed by Wolverine.
            opts.Durability.Mode = builder.Configuration.GetValue("Ledger:Durability", DurabilityMode.Solo);
        });
        builder.Services.AddWolverineHttp();
        // Registered after Marten and Wolverine, so it runs once they have started and before the server listens.
        builder.Services.AddHostedService<Ledger.Travellers.SnapshotUpgrade>(); // before anything reads a snapshot
        builder.Services.AddHostedService<StartupWarmUp>();
        builder.Services.AddSingleton<WarningCheckSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WarningCheckSweep>());
        builder.Services.AddSingleton<WarningCheckCatchUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WarningCheckCatchUp>());
        Ledger.Retention.RetentionSetup.AddRetention(builder, connectionString); // policies, sweep, daily schedule, 410 gate

        var app = builder.Build();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Ledger database: {Database} on {Host}:{Port} (schema {Schema}); durability mode {Mode}",
            database.Database, database.Host, database.Port, LedgerStore.Schema, builder.Configuration.GetValue("Ledger:Durability", DurabilityMode.Solo)));
        Telemetry.UseRequestOutcomes(app);
        Ledger.Hardening.SecurityHeaders.UseSecurityHeaders(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((http, next) => AbuseLimits.ApplyBodyLimit(http, next));
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<Ledger.AccessLog.RecordAccess>();
        app.UseMiddleware<ScreenRequests>();
        // After authentication, the body limit and the screening (a body it reads is well-formed): an erased traveller's
        // routes answer 410, and so does a resent erased id.
        app.UseMiddleware<Ledger.Retention.RetentionGate>();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            // A JSON body that names each check, so an operator sees which projection is behind.
            ResponseWriter = (http, report) => http.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
            }),
        }).AllowAnonymous();
        Telemetry.MapMetrics(app);
        Ledger.Pages.PageSetup.Map(app);
        ApiReference.Map(app);
        app.MapWolverineEndpoints(opts =>
        {
            opts.ConfigureEndpoints(ProblemResponses.Declare);
            // Every write stamps its events with who recorded them and the request's correlation id: a traveller write in
            // its one step after Validate (TravellerWrite.Open), any other write first thing (StampRecording).
            opts.AddPolicy<OpenTravellerWrites>();
            opts.AddMiddleware(typeof(StampRecording), chain =>
                (chain.HttpMethods.Contains("POST") || chain.HttpMethods.Contains("DELETE")) && !TravellerWrite.IsTravellerWrite(chain));
        });
        return app;
    }
}
