using JasperFx;
using Ledger.AccessLog;
using Ledger.AdminAudit;
using Ledger.Hosting;
using Ledger.Travellers;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Hardening;

/// <summary>
/// Who builds the database schema. By default (<c>Ledger:Database:ApplySchema</c> true: scripts/run, the tests) the
/// service applies Marten's, Wolverine's and its own tables at start-up, as the role it connects with. With
/// <c>ApplySchema=false</c> it changes no schema at all (Marten <c>AutoCreate.None</c>, Wolverine's message storage
/// <c>AutoCreate.None</c>, its own tables only when missing) and starts only on a current schema: otherwise it refuses,
/// naming every object missing or different. Then the schema is applied by the owner role with <c>Ledger db apply</c>,
/// and the service runs as a role with data rights only (scripts/db-roles; docs/operations.md).
/// </summary>
public static class DatabaseSchema
{
    public const string ApplySchemaKey = "Ledger:Database:ApplySchema";

    public static bool AppliedAtStart(IConfiguration configuration) => configuration.GetValue(ApplySchemaKey, true);

    /// <summary>With <c>ApplySchema=false</c>: nothing builds schema, and a check refuses to start on a schema that is not current.</summary>
    public static WebApplicationBuilder AddDatabaseSchema(this WebApplicationBuilder builder)
    {
        // Every document type the service stores, declared up front: Marten would otherwise create a type's table on
        // its first use, which a runtime role cannot, and `db apply` would not know to build it.
        builder.Services.ConfigureMarten(opts =>
        {
            opts.Schema.For<Ledger.Travellers.SealedIdentity>();
            opts.Schema.For<Ledger.Travellers.TravellerIdentity>();
            opts.Schema.For<Ledger.Groups.TravellerGroup>();
            opts.Schema.For<Ledger.Webhooks.WebhookSubscription>();
            opts.Schema.For<Ledger.Webhooks.WebhookDelivery>();
            opts.Schema.For<Ledger.Access.TokenRevocation>();
        });
        if (AppliedAtStart(builder.Configuration)) return builder;
        builder.Services.ConfigureMarten(opts => opts.AutoCreateSchemaObjects = AutoCreate.None);
        builder.Services.ConfigureWolverine(opts => opts.AutoBuildMessageStorageOnStartup = AutoCreate.None);
        // Registered before the tables' own hosted services and before Wolverine's: it runs first.
        builder.Services.AddHostedService<SchemaCheck>();
        return builder;
    }

    /// <summary>Marten's start-up migration, only when the service applies the schema itself.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression ApplySchemaAtStartWhenAllowed(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration) =>
        AppliedAtStart(configuration) ? marten.ApplyAllDatabaseChangesOnStartup() : marten;

    /// <summary>What is missing or different, one line each (empty: the schema is current).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var differences = new List<string>();
        var store = services.GetRequiredService<IDocumentStore>();
        var migration = await store.Storage.Database.CreateMigrationAsync(ct);
        differences.AddRange(migration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None)
            .Select(d => $"{d.SchemaObject.Identifier} ({Word(d.Difference)})"));
        // Wolverine's message storage (inbox, outbox, dead letters, nodes) lives beside Marten's but is its own schema feature.
        var messages = services.GetRequiredService<IWolverineRuntime>().Storage;
        if (messages is Weasel.Core.Migrations.IDatabase wolverine)
        {
            var wolverineMigration = await wolverine.CreateMigrationAsync(ct);
            differences.AddRange(wolverineMigration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None)
                .Select(d => $"{d.SchemaObject.Identifier} ({Word(d.Difference)})"));
        }
        else
        {
            try { await messages.Admin.AssertStorageProvisionedAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException) { differences.Add("Wolverine's message storage (missing)"); }
        }
        var main = configuration.GetConnectionString(LedgerHost.ConnectionStringName)!;
        var keys = configuration.GetConnectionString(IdentityVault.KeysConnectionStringName) ?? main;
        await using var mainSource = NpgsqlDataSource.Create(main);
        await using var keysSource = NpgsqlDataSource.Create(keys);
        foreach (var table in OwnTables.All)
            if (!await OwnTables.PresentAsync(table.Connection == "LedgerKeys" ? keysSource : mainSource, table, ct))
                differences.Add($"{table.Name} (missing)");
        return differences;
    }

    private static string Word(SchemaPatchDifference difference) => difference switch
    {
        SchemaPatchDifference.Create => "missing",
        SchemaPatchDifference.Update => "different",
        _ => "cannot be patched",
    };

    /// <summary>
    /// <c>Ledger db apply</c>: applies Marten's objects (documents, events, projections' tables), Wolverine's message
    /// storage and the service's own tables, as the role of the connection string given (the owner). Exit 0 when the
    /// schema is current afterwards, 1 with one line on stderr otherwise.
    /// </summary>
    public static async Task<int> ApplyAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            await using var app = LedgerHost.Build(args, builder => builder.Configuration[ApplySchemaKey] = "true");
            var ct = CancellationToken.None;
            await app.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await app.Services.GetRequiredService<IWolverineRuntime>().Storage.Admin.MigrateAsync();
            await app.Services.GetRequiredService<AccessLogTable>().StartAsync(ct);
            await app.Services.GetRequiredService<AdminAuditTable>().StartAsync(ct);
            await app.Services.GetRequiredService<IdentityVault>().StartAsync(ct);
            await app.Services.GetRequiredService<BlindIndex>().StartAsync(ct);
            await app.Services.GetRequiredService<Ledger.Retention.RetentionTables>().StartAsync(ct);
            var left = await DifferencesAsync(app.Services, app.Configuration, ct);
            if (left.Count > 0)
            {
                stderr.WriteLine($"db apply: the schema is still not current: {string.Join(", ", left)}");
                return 1;
            }
            stdout.WriteLine("db apply: the schema is current (Marten, Wolverine's message storage, the access log, the admin audit trail, the identity keys)");
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            stderr.WriteLine($"db apply: {e.Message}");
            return 1;
        }
    }
}

/// <summary>Refuses to start, naming what is missing, when the schema is not current and the service may not change it.</summary>
public sealed class SchemaCheck(IServiceProvider services, IConfiguration configuration, ILogger<SchemaCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var differences = await DatabaseSchema.DifferencesAsync(services, configuration, ct);
        if (differences.Count > 0)
            throw new InvalidOperationException(
                $"The database schema is not current and {DatabaseSchema.ApplySchemaKey} is false, so the service changes no schema and does not start. " +
                $"Missing or different ({differences.Count}): {string.Join(", ", differences)}. " +
                "Apply the schema as the owner role with `Ledger db apply` (then scripts/db-roles for the runtime role's rights; docs/operations.md).");
        log.LogInformation("Database schema is current; the service applies none ({Key}=false)", DatabaseSchema.ApplySchemaKey);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
