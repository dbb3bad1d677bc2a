using System.Collections.Concurrent;
using Ledger.Hardening;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Ledger.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Tests.Hardening;

/// <summary>The Data Protection key ring (which protects webhook secrets) encrypted at rest with a configured certificate.</summary>
public class KeysAtRestTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static async Task<List<string>> StoredKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data->>'Xml' FROM ledger.mt_doc_dataprotectionkeyxml", connection);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    [Fact]
    public async Task The_key_ring_is_stored_encrypted_with_the_certificate_and_read_back_after_a_restart()
    {
        var secret = "a-webhook-secret-" + Guid.NewGuid();
        var protectedSecret = app.Services.GetRequiredService<WebhookSecrets>().Protect(secret);

        var keys = await StoredKeysAsync(app.ConnectionString);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);       // the key material, encrypted (XML encryption with the certificate)
            Assert.Contains("EncryptedData", xml);          // W3C XML encryption, its key wrapped with the certificate's RSA key
            Assert.DoesNotContain("<value>", xml);           // the clear master key's element
            Assert.DoesNotContain("unencrypted form", xml);  // what Data Protection writes beside a clear master key
        });

        await app.RestartAsync(); // a new key ring cache: the keys are read from the database and decrypted again
        Assert.Equal(secret, app.Services.GetRequiredService<WebhookSecrets>().TryUnprotect(protectedSecret));
    }

    private static async Task<WebApplication> ProductionHostAsync(IReadOnlyDictionary<string, string?> settings, ConcurrentQueue<string>? warnings = null)
    {
        var database = await TestDatabase.CreateAsync();
        return LedgerHost.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Production";
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = database;
            builder.Configuration["Ledger:Auth:SigningKey"] = LedgerApp.SigningKey;
            builder.Configuration["Ledger:Auth:AllowSigningKeyInProduction"] = "true";
            foreach (var (key, value) in settings) builder.Configuration[key] = value;
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
            if (warnings is not null) builder.Logging.AddProvider(new Collect(warnings));
        });
    }

    [Fact]
    public async Task Production_without_a_certificate_refuses_to_start_and_says_what_to_set()
    {
        await using var host = await ProductionHostAsync(new Dictionary<string, string?>());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Equal(UnprotectedKeys.Refusal, refused.Message);
        Assert.Contains("Ledger:DataProtection:CertificatePath", refused.Message);
    }

    [Fact]
    public async Task Production_allowed_to_run_unprotected_starts_and_warns_at_every_start()
    {
        var warnings = new ConcurrentQueue<string>();
        await using var host = await ProductionHostAsync(new Dictionary<string, string?> { ["Ledger:DataProtection:AllowUnprotectedKeys"] = "true" }, warnings);
        await host.StartAsync();
        Assert.Contains(warnings, w => w.Contains("key ring is stored unencrypted"));
        await host.StopAsync();
    }

    [Fact]
    public void A_certificate_that_cannot_be_read_is_refused_at_start_up_with_its_setting_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.pfx");
        var refused = Assert.Throws<InvalidOperationException>(() => LedgerHost.Build([], builder =>
        {
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = "Host=127.0.0.1;Database=unused";
            builder.Configuration["Ledger:Auth:SigningKey"] = LedgerApp.SigningKey;
            builder.Configuration["Ledger:DataProtection:CertificatePath"] = missing;
        }));
        Assert.Contains("Ledger:DataProtection:CertificatePath", refused.Message);
        Assert.Contains(missing, refused.Message);
    }

    private sealed class Collect(ConcurrentQueue<string> into) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            into.Enqueue(formatter(state, exception));
    }
}
