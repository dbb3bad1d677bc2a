using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Hardening;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Tests.Hardening;

/// <summary>
/// Two database roles made by scripts/db-roles: the owner applies the schema (<c>Ledger db apply</c>); the service runs
/// as the runtime role with <c>Ledger:Database:ApplySchema=false</c>. One database per fixture, its own role names.
/// </summary>
public sealed class TwoRoleDatabase : IAsyncLifetime
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    public string Owner => "o_" + _tag;
    public string Runtime => "r_" + _tag;
    public string Admin { get; private set; } = "";

    public string As(string role) => new NpgsqlConnectionStringBuilder(Admin) { Username = role, Password = "pw-" + role }.ConnectionString;

    public async Task InitializeAsync()
    {
        Admin = await TestDatabase.CreateAsync();
        await DbRolesAsync();
    }

    /// <summary>Runs scripts/db-roles against this database as the administrator (psql through the libpq variables).</summary>
    public async Task DbRolesAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(Admin);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Ledger.sln"))) root = root.Parent!;
        var start = new ProcessStartInfo("bash", [Path.Combine(root.FullName, "scripts", "db-roles"), "--owner", Owner, "--runtime", Runtime])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["PGHOST"] = admin.Host, ["PGPORT"] = admin.Port.ToString(), ["PGUSER"] = admin.Username, ["PGPASSWORD"] = admin.Password ?? "",
                ["PGDATABASE"] = admin.Database, ["LEDGER_OWNER_PASSWORD"] = "pw-" + Owner, ["LEDGER_RUNTIME_PASSWORD"] = "pw-" + Runtime,
            },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"scripts/db-roles exited {process.ExitCode}: {stdout} {await stderr}");
    }

    public async Task<int> DbApplyAsync(StringWriter stdout, StringWriter stderr) =>
        await DatabaseSchema.ApplyAsync([$"--ConnectionStrings:Ledger={As(Owner)}", $"--Ledger:Auth:SigningKey={LedgerApp.SigningKey}", "--Ledger:Auth:AllowSigningKeyInProduction=true", "--Logging:LogLevel:Default=Warning"], stdout, stderr);

    /// <summary>The service as the runtime role, applying no schema.</summary>
    public static WebApplication Service(string connectionString) => LedgerHost.Build([], builder =>
    {
        builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = connectionString;
        builder.Configuration["Ledger:Auth:SigningKey"] = LedgerApp.SigningKey;
        builder.Configuration["Ledger:Auth:AllowSigningKeyInProduction"] = "true";
        builder.Configuration["Ledger:DataProtection:CertificatePath"] = TestKeyCertificate.Path; // keys at rest, as every test host
        builder.Configuration[DatabaseSchema.ApplySchemaKey] = "false";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(new BriefConsoleLoggerProvider());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    });

    public Task DisposeAsync() => Task.CompletedTask;
}

public class DatabaseRolesTests(TwoRoleDatabase db) : IClassFixture<TwoRoleDatabase>
{
    private static readonly SemaphoreSlim Applied = new(1, 1);
    private static readonly HashSet<string> AppliedTo = [];

    /// <summary>db apply as the owner, then db-roles again for the runtime role's rights on what it made (once per fixture).</summary>
    private async Task AppliedAsync()
    {
        await Applied.WaitAsync();
        try
        {
            if (!AppliedTo.Add(db.Owner)) return;
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            Assert.True(await db.DbApplyAsync(stdout, stderr) == 0, $"db apply: {stdout} {stderr}");
            Assert.Contains("the schema is current", stdout.ToString());
            await db.DbRolesAsync();
        }
        finally { Applied.Release(); }
    }

    [Fact]
    public async Task With_ApplySchema_false_the_service_refuses_a_database_without_the_schema_and_names_what_is_missing()
    {
        // A database of its own, roles made, no schema applied.
        var empty = new TwoRoleDatabase();
        await empty.InitializeAsync();
        await using var app = TwoRoleDatabase.Service(empty.As(empty.Runtime));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("The database schema is not current and Ledger:Database:ApplySchema is false", refused.Message);
        Assert.Contains("ledger.mt_events (missing)", refused.Message);
        Assert.Contains("ledger.wolverine_incoming_envelopes (missing)", refused.Message);
        Assert.Contains("ledger.access_log (and its append-only trigger) (missing)", refused.Message);
        Assert.Contains("Ledger db apply", refused.Message);
        // Nothing was created by the attempt.
        await using var connection = new NpgsqlConnection(empty.Admin);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname IN ('ledger', 'ledger_keys')", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task After_db_apply_the_service_runs_as_the_runtime_role_and_records_reads_and_audits()
    {
        await AppliedAsync();
        await using var app = TwoRoleDatabase.Service(db.As(db.Runtime));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = DevelopmentTokens.Issue(LedgerApp.Auth, new TokenRequest("runtime-check", [Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin], ["FR"], null, TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var registered = await http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" }, givenNames = "Ada", familyName = "Lovelace", dateOfBirth = "1990-12-10" });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var crossing = await http.PostAsJsonAsync($"/travellers/{id}/crossings", new { crossingId = "in", direction = "entry", country = "FR", date = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd") });
        Assert.True(crossing.StatusCode == HttpStatusCode.Created, await crossing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/travellers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/travellers/{id}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/admin/dead-letters/replay?messageType=x", new { })).StatusCode);

        var log = await http.GetFromJsonAsync<JsonElement>($"/travellers/{id}/access-log");
        Assert.Equal(2, log.GetProperty("total").GetInt32());
        var audit = await http.GetFromJsonAsync<JsonElement>("/admin/audit");
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("act").GetString() == "dead-letters.replayed");
        await app.StopAsync();
    }

    [Theory]
    [InlineData("DROP TRIGGER access_log_append_only ON ledger.access_log")]
    [InlineData("DROP TRIGGER admin_audit_append_only ON ledger.admin_audit")]
    [InlineData("TRUNCATE ledger.mt_events")]
    [InlineData("TRUNCATE ledger.access_log")]
    [InlineData("ALTER TABLE ledger.mt_events ADD COLUMN smuggled text")]
    [InlineData("ALTER TABLE ledger.access_log DISABLE TRIGGER access_log_append_only")]
    [InlineData("DROP TABLE ledger.mt_events")]
    [InlineData("UPDATE ledger.access_log SET subject = 'someone else'")]
    [InlineData("DELETE FROM ledger.admin_audit")]
    [InlineData("CREATE TABLE ledger.smuggled (id int)")]
    public async Task The_runtime_role_may_not_change_the_schema_or_the_append_only_tables(string sql)
    {
        await AppliedAsync();
        await using var connection = new NpgsqlConnection(db.As(db.Runtime));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState); // 42501: not owner, or no such right
    }
}
