using System.Text;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;
using Ledger.Webhooks;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Tests.Webhooks;

/// <summary>Secrets are stored only encrypted (Data Protection, key ring in PostgreSQL) and still sign every delivery.</summary>
public class WebhookSecretTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    /// <summary>How many rows of every table in the test database contain <paramref name="text"/>, as text or as hex-encoded bytes.</summary>
    public static async Task<int> RowsContainingAsync(LedgerApp app, string text)
    {
        var connectionString = app.Services.GetRequiredService<IConfiguration>().GetConnectionString(LedgerHost.ConnectionStringName);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains(tables, t => t.EndsWith(".mt_doc_webhooksubscription"));

        var rows = 0;
        foreach (var table in tables)
        {
            // bytea columns (message envelopes) render as hex in a row's text.
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE strpos(t::text, @text) > 0 OR strpos(t::text, @hex) > 0", connection);
            count.Parameters.AddWithValue("text", text);
            count.Parameters.AddWithValue("hex", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)));
            rows += Convert.ToInt32(await count.ExecuteScalarAsync());
        }
        return rows;
    }

    [Fact]
    public async Task The_clear_secret_is_nowhere_in_the_database_and_deliveries_are_still_signed_with_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = $"clear-secret-{Guid.NewGuid():N}";
        var subscription = await app.Http.SubscribeAsync(receiver.Url, secret);

        var (traveller, warningId) = await app.WarningInAsync("FR");
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Any(r => r.Body.Contains(warningId))), "the delivery");
        var (body, signature) = receiver.Received.Single(r => r.Body.Contains(warningId));
        Assert.Equal(WebhookScenario.SignatureFor(body, secret), signature);

        // The scan finds what is there (the subscription and traveller ids) and not the secret.
        Assert.True(await RowsContainingAsync(app, subscription.ToString()) >= 2, "the subscription and its delivery");
        Assert.True(await RowsContainingAsync(app, traveller.ToString()) >= 1, "the traveller's stream");
        Assert.Equal(0, await RowsContainingAsync(app, secret));

        await using var session = app.Store.QuerySession();
        var stored = (await session.LoadAsync<WebhookSubscription>(subscription))!;
        Assert.Equal(secret, app.Services.GetRequiredService<WebhookSecrets>().TryUnprotect(stored.ProtectedSecret));
        var keys = await session.Query<DataProtectionKeyXml>().ToListAsync();
        Assert.Contains(keys, k => k.Xml.StartsWith("<key id="));
    }
}
