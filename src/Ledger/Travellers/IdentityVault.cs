using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Npgsql;

namespace Ledger.Travellers;

/// <summary>A traveller's identity as stored: AES-256-GCM ciphertext under that traveller's own key (bound to the id).</summary>
public sealed record SealedIdentity(Guid Id, byte[] Nonce, byte[] Ciphertext, byte[] Tag);

/// <summary>
/// Crypto-shredding for identity data. Each traveller's names, date of birth and documents are encrypted with a key of
/// their own, kept apart from the data in the key store (<c>ledger_keys.identity_keys</c>, in the database named by
/// <c>ConnectionStrings:LedgerKeys</c>, by default the ledger's own). Erasure deletes the key and vacuums the key table,
/// so the ciphertext left in old pages, the WAL and backups of the ledger can no longer be read. The key store's own
/// WAL and backups are what must be kept short-lived or elsewhere (a separate server, a KMS): see docs/records.md, "Erasure".
/// </summary>
public sealed class IdentityVault(NpgsqlDataSource keys) : IHostedService, IAsyncDisposable
{
    public const string KeysConnectionStringName = "LedgerKeys";
    public const string Table = "ledger_keys.identity_keys";

    public static IdentityVault For(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    public async Task<SealedIdentity> SealAsync(TravellerIdentity identity, CancellationToken ct)
    {
        var key = await KeyForAsync(identity.Id, ct);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(identity, LedgerJson.Options);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, identity.Id.ToByteArray());
        CryptographicOperations.ZeroMemory(plaintext);
        return new SealedIdentity(identity.Id, nonce, ciphertext, tag);
    }

    /// <summary>The identity, or null when its key was erased (or it was never stored).</summary>
    public async Task<TravellerIdentity?> OpenAsync(SealedIdentity? sealedIdentity, CancellationToken ct)
    {
        if (sealedIdentity is null || await ExistingKeyAsync(sealedIdentity.Id, ct) is not { } key) return null;
        var plaintext = new byte[sealedIdentity.Ciphertext.Length];
        using var aes = new AesGcm(key, sealedIdentity.Tag.Length);
        aes.Decrypt(sealedIdentity.Nonce, sealedIdentity.Ciphertext, sealedIdentity.Tag, plaintext, sealedIdentity.Id.ToByteArray());
        return JsonSerializer.Deserialize<TravellerIdentity>(plaintext, LedgerJson.Options);
    }

    /// <summary>
    /// Free text typed about the traveller (a plan's note), sealed under the same key as the identity, so one erasure
    /// shreds both. <paramref name="purpose"/> names where the text belongs (e.g. <c>plan-note:trip-1</c>) and is bound
    /// into the ciphertext with the traveller id: a sealed text copied to another place or traveller does not open.
    /// </summary>
    public async Task<SealedText> SealTextAsync(Guid traveller, string purpose, string text, CancellationToken ct)
    {
        var key = await KeyForAsync(traveller, ct);
        var plaintext = System.Text.Encoding.UTF8.GetBytes(text);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, Bound(traveller, purpose));
        CryptographicOperations.ZeroMemory(plaintext);
        return new SealedText(nonce, ciphertext, tag);
    }

    /// <summary>The text, or null when the traveller's key was erased (or nothing was sealed).</summary>
    public async Task<string?> OpenTextAsync(Guid traveller, string purpose, SealedText? sealedText, CancellationToken ct)
    {
        if (sealedText is null || await ExistingKeyAsync(traveller, ct) is not { } key) return null;
        var plaintext = new byte[sealedText.Ciphertext.Length];
        using var aes = new AesGcm(key, sealedText.Tag.Length);
        try
        {
            aes.Decrypt(sealedText.Nonce, sealedText.Ciphertext, sealedText.Tag, plaintext, Bound(traveller, purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            // Sealed under a key erased since (a new one was made for later writes): it is as erased.
            return null;
        }
        return System.Text.Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] Bound(Guid traveller, string purpose) => [.. traveller.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(purpose)];

    /// <summary>
    /// Deletes the traveller's key, then rewrites the key table (<c>VACUUM FULL</c>: a plain VACUUM can leave a deleted
    /// row's bytes in a page's free space). The table is one small row per traveller; the rewrite locks it briefly. A
    /// transaction that started before the erasure and is still running keeps the old row version alive through that
    /// rewrite, so the table is rewritten once more a few seconds later (<see cref="FollowUp"/>).
    /// </summary>
    public Task ShredAsync(Guid traveller, CancellationToken ct) => ShredAsync([traveller], ct);

    /// <summary>Several travellers' keys at once (a retention sweep's chunk): one deletion, one rewrite.</summary>
    public async Task ShredAsync(IReadOnlyCollection<Guid> travellers, CancellationToken ct)
    {
        await using (var delete = keys.CreateCommand($"DELETE FROM {Table} WHERE traveller_id = ANY($1)"))
        {
            delete.Parameters.Add(new() { Value = travellers.ToArray() });
            await delete.ExecuteNonQueryAsync(ct);
        }
        await RewriteAsync(ct);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(FollowUp);
                await RewriteAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or TimeoutException)
            {
                // The next erasure rewrites the table again; nothing here is lost by giving up.
            }
        });
    }

    public static readonly TimeSpan FollowUp = TimeSpan.FromSeconds(5);

    private async Task RewriteAsync(CancellationToken ct)
    {
        await using var vacuum = keys.CreateCommand($"VACUUM FULL {Table}");
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The traveller's key, made on first use (a retried registration finds the one it made before): one round trip,
    /// the inserted key or, when the row was already there, the stored one.
    /// </summary>
    private async Task<byte[]> KeyForAsync(Guid traveller, CancellationToken ct)
    {
        await using var command = keys.CreateCommand($"""
            WITH inserted AS (
              INSERT INTO {Table} (traveller_id, key) VALUES ($1, $2) ON CONFLICT (traveller_id) DO NOTHING RETURNING key)
            SELECT key FROM inserted UNION ALL SELECT key FROM {Table} WHERE traveller_id = $1 LIMIT 1
            """);
        command.Parameters.Add(new() { Value = traveller });
        command.Parameters.Add(new() { Value = RandomNumberGenerator.GetBytes(32) });
        return await command.ExecuteScalarAsync(ct) as byte[] ?? throw new InvalidOperationException("the identity key was not stored");
    }

    private async Task<byte[]?> ExistingKeyAsync(Guid traveller, CancellationToken ct)
    {
        await using var command = keys.CreateCommand($"SELECT key FROM {Table} WHERE traveller_id = $1");
        command.Parameters.Add(new() { Value = traveller });
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>Creates the keys' table when it is missing (a runtime role without DDL rights finds it there).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (await Ledger.Hardening.OwnTables.PresentAsync(keys, Ledger.Hardening.OwnTables.IdentityKeys, ct)) return;
        await using var command = keys.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS ledger_keys;
            CREATE TABLE IF NOT EXISTS {Table} (traveller_id uuid PRIMARY KEY, key bytea NOT NULL);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => keys.DisposeAsync();
}
