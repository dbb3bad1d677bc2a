using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Travellers;

/// <summary>
/// Identity data is stored only as ciphertext under a key per traveller; erasure shreds the key, so no byte left in the
/// database (dead rows and free page space included, read raw with pageinspect) decrypts to the old identity.
/// </summary>
public class CryptoShreddingTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task After_erasure_no_stored_byte_decrypts_to_the_old_name()
    {
        var name = $"Ozymandias{Guid.NewGuid():N}";
        // Neighbours on the same pages of the key table, so it is not simply truncated away when emptied.
        await RegisterNamedAsync("Before");
        var response = await app.Http.PostAsJsonAsync("/travellers", new
        {
            nationalities = new[] { "US" }, familyName = name, documents = new[] { new { type = "passport", number = "P1234567", issuingCountry = "US" } },
        });
        var id = (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        await RegisterNamedAsync("After");
        Assert.Equal(name, (await app.GetJsonAsync($"/travellers/{id}")).GetProperty("identity").GetProperty("familyName").GetString());

        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        // The name was never stored in clear: not in any page of any table of the ledger's schemas.
        var plaintext = Encoding.UTF8.GetBytes(name);
        Assert.False(await AnyPageHoldsAsync(db, plaintext));
        var key = (byte[])(await ScalarAsync(db, "SELECT key FROM ledger_keys.identity_keys WHERE traveller_id = $1", id))!;

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/travellers/{id}/identity")).StatusCode);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await app.GetJsonAsync($"/travellers/{id}")).GetProperty("identity").ValueKind);
        // The key is gone from every page of the database, dead rows and free space included, at the latest after the
        // follow-up rewrite (a transaction older than the erasure, e.g. the daemon's, can keep the old row through the first).
        var deadline = DateTime.UtcNow + IdentityVaultFollowUp + TimeSpan.FromSeconds(10);
        while (await AnyPageHoldsAsync(db, key) && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.False(await AnyPageHoldsAsync(db, key));
        // ...and no key left in the key store opens the ciphertext that old pages, the WAL or a backup may still hold.
        var keys = await KeysAsync(db);
        Assert.DoesNotContain(keys, k => k.SequenceEqual(key));
        Assert.False(await AnyPageHoldsAsync(db, plaintext));
        // The history is untouched.
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/travellers/{id}/status")).StatusCode);
    }

    /// <summary>
    /// A plan's note is free text about the traveller: it is sealed under the identity key, so the same erasure makes it
    /// unreadable through the API (plans, raw events) and in every stored byte (event, snapshot, old pages).
    /// </summary>
    [Fact]
    public async Task After_erasure_a_plans_note_can_no_longer_be_read_anywhere()
    {
        var id = await RegisterNamedAsync("Noteholder");
        var note = $"visiting my sister Philomena{Guid.NewGuid():N} after chemotherapy";
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync($"/travellers/{id}/plans", new
        {
            planId = "trip-1", legs = new[] { new { country = "FR", from = "2030-01-01", to = "2030-01-10" } }, note,
        })).StatusCode);
        Assert.Equal(note, (await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans")[0].GetProperty("note").GetString());
        // The same plan resent is still recognised (the stored note is opened to compare), other notes are not.
        Assert.Equal(HttpStatusCode.OK, (await app.Http.PostAsJsonAsync($"/travellers/{id}/plans", new
        {
            planId = "trip-1", legs = new[] { new { country = "FR", from = "2030-01-01", to = "2030-01-10" } }, note,
        })).StatusCode);
        await Problem.AssertAsync(await app.Http.PostAsJsonAsync($"/travellers/{id}/plans", new
        {
            planId = "trip-1", legs = new[] { new { country = "FR", from = "2030-01-01", to = "2030-01-10" } }, note = "another",
        }), HttpStatusCode.Conflict);

        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var plaintext = Encoding.UTF8.GetBytes(note);
        // Never stored in clear: not in the event, the snapshot or any other page of the ledger's tables.
        Assert.False(await AnyPageHoldsAsync(db, plaintext));
        Assert.DoesNotContain(note, (await app.Http.GetStringAsync($"/travellers/{id}/events")));
        var sealedNote = await SealedNoteAsync(db, id);
        var key = (byte[])(await ScalarAsync(db, "SELECT key FROM ledger_keys.identity_keys WHERE traveller_id = $1", id))!;

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/travellers/{id}/identity")).StatusCode);

        var plan = (await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plan.GetProperty("note").ValueKind);
        Assert.Equal("trip-1", plan.GetProperty("planId").GetString()); // the plan itself stays
        Assert.DoesNotContain(note, await app.Http.GetStringAsync($"/travellers/{id}/events"));
        Assert.False(await AnyPageHoldsAsync(db, plaintext));
        // The raw event still holds the ciphertext, and no key left opens it.
        Assert.Equal(sealedNote.Ciphertext, (await SealedNoteAsync(db, id)).Ciphertext);
        var keys = await KeysAsync(db);
        Assert.DoesNotContain(keys, k => k.SequenceEqual(key));
        byte[] bound = [.. id.ToByteArray(), .. Encoding.UTF8.GetBytes("plan-note:trip-1")];
        foreach (var other in keys)
        {
            using var aes = new AesGcm(other, sealedNote.Tag.Length);
            Assert.ThrowsAny<CryptographicException>(() => aes.Decrypt(sealedNote.Nonce, sealedNote.Ciphertext, sealedNote.Tag,
                new byte[sealedNote.Ciphertext.Length], bound));
        }
    }

    /// <summary>The sealed note of the traveller's plan as its event in <c>mt_events</c> holds it.</summary>
    private static async Task<(byte[] Nonce, byte[] Ciphertext, byte[] Tag)> SealedNoteAsync(NpgsqlDataSource db, Guid id)
    {
        await using var command = db.CreateCommand("""
            SELECT data->'SealedNote'->>'Nonce', data->'SealedNote'->>'Ciphertext', data->'SealedNote'->>'Tag'
            FROM ledger.mt_events WHERE stream_id = $1 AND type = 'plan_recorded'
            """);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no plan_recorded event");
        Assert.False(reader.IsDBNull(1), "the plan's event holds no sealed note");
        return (Convert.FromBase64String(reader.GetString(0)), Convert.FromBase64String(reader.GetString(1)), Convert.FromBase64String(reader.GetString(2)));
    }

    [Fact]
    public async Task A_stored_ciphertext_opens_only_with_its_own_travellers_key()
    {
        var first = await RegisterNamedAsync("Alpha");
        var second = await RegisterNamedAsync("Beta");
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var secondKey = (byte[])(await ScalarAsync(db, "SELECT key FROM ledger_keys.identity_keys WHERE traveller_id = $1", second))!;
        var sealedFirst = await SealedAsync(db, first);
        using var aes = new AesGcm(secondKey, sealedFirst.Tag.Length);
        Assert.ThrowsAny<CryptographicException>(() =>
            aes.Decrypt(sealedFirst.Nonce, sealedFirst.Ciphertext, sealedFirst.Tag, new byte[sealedFirst.Ciphertext.Length], first.ToByteArray()));
    }

    private async Task<Guid> RegisterNamedAsync(string familyName)
    {
        var response = await app.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "FR" }, familyName });
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private static async Task<(byte[] Nonce, byte[] Ciphertext, byte[] Tag)> SealedAsync(NpgsqlDataSource db, Guid id)
    {
        await using var command = db.CreateCommand("SELECT data->>'Nonce', data->>'Ciphertext', data->>'Tag' FROM ledger.mt_doc_sealedidentity WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (Convert.FromBase64String(reader.GetString(0)), Convert.FromBase64String(reader.GetString(1)), Convert.FromBase64String(reader.GetString(2)));
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource db, string sql, Guid id)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<byte[]>> KeysAsync(NpgsqlDataSource db)
    {
        var keys = new List<byte[]>();
        await using var command = db.CreateCommand("SELECT key FROM ledger_keys.identity_keys");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add((byte[])reader[0]);
        return keys;
    }

    /// <summary>Every block of every table, index and TOAST relation in the ledger's schemas, read raw, searched for the bytes.</summary>
    private static async Task<bool> AnyPageHoldsAsync(NpgsqlDataSource db, byte[] needle)
    {
        await using (var extension = db.CreateCommand("CREATE EXTENSION IF NOT EXISTS pageinspect")) await extension.ExecuteNonQueryAsync();
        await using var command = db.CreateCommand("""
            SELECT get_raw_page(c.oid::regclass::text, b)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL generate_series(0, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int - 1) AS b
            WHERE c.relkind IN ('r', 'i', 't') AND (n.nspname IN ('ledger', 'ledger_keys')
              OR c.oid IN (SELECT reltoastrelid FROM pg_class t JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE tn.nspname IN ('ledger', 'ledger_keys')))
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (((byte[])reader[0]).AsSpan().IndexOf(needle) >= 0) return true;
        return false;
    }

    private static readonly TimeSpan IdentityVaultFollowUp = Ledger.Travellers.IdentityVault.FollowUp;

    private sealed record IdOnly(Guid Id);
}
