using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ledger.Travellers;

/// <summary>
/// Keyed digests of identity values (HMAC-SHA256 of the normalised value), so a traveller can be found again by document
/// or by name and date of birth although the identity itself is only stored encrypted under the traveller's own key.
/// The HMAC secret lives in the key store (<c>ledger_keys.blind_index_key</c>, beside the identity keys, apart from the
/// ledger's data): without it a digest in the ledger's tables, pages or backups cannot be tested against guesses.
/// Exact match only: the normalisation (Unicode NFKC, case, spacing; for documents also hyphens) is all the
/// tolerance there is.
/// </summary>
public sealed class BlindIndex(NpgsqlDataSource keys) : IHostedService, IAsyncDisposable
{
    public const string Table = "ledger_keys.blind_index_key";

    public static BlindIndex For(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    private byte[]? secret;

    /// <summary>The digest a travel document is found by: its issuing country and its number.</summary>
    public string OfDocument(string issuingCountry, string number) =>
        Digest($"document\n{issuingCountry.Trim().ToUpperInvariant()}\n{NormaliseDocumentNumber(number)}");

    /// <summary>The digest a person is found by: family name and date of birth together (a name alone finds too many).</summary>
    public string OfNameAndBirth(string familyName, DateOnly dateOfBirth) =>
        Digest($"name-dob\n{NormaliseName(familyName)}\n{dateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The digest an erased record's client id is kept as (retention sweeps): a resend of the id is recognised and
    /// refused, and the id itself is not kept. Labelled apart from the identity digests, so no digest stands for both.
    /// </summary>
    public string OfErasedRecord(Guid traveller, string kind, string id) => Digest($"erased-record\n{traveller:N}\n{kind}\n{id}");

    /// <summary>Upper case, without spaces or hyphens (printed "AB 12-3456" and typed "ab123456" are one number).</summary>
    public static string NormaliseDocumentNumber(string number) =>
        new(number.Normalize(NormalizationForm.FormKC).ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>Lower case, single spaces, trimmed; letters (accents included) as written.</summary>
    public static string NormaliseName(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private string Digest(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret ?? throw new InvalidOperationException("the blind index key is not loaded (the service has not started)"),
            Encoding.UTF8.GetBytes(value)));

    /// <summary>Makes the secret on first start (every instance then reads the same one) and loads it.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (!await Ledger.Hardening.OwnTables.PresentAsync(keys, Ledger.Hardening.OwnTables.BlindIndexKey, ct))
            await using (var create = keys.CreateCommand($"""
                CREATE SCHEMA IF NOT EXISTS ledger_keys;
                CREATE TABLE IF NOT EXISTS {Table} (id int PRIMARY KEY CHECK (id = 1), key bytea NOT NULL);
                """))
                await create.ExecuteNonQueryAsync(ct);
        await using var command = keys.CreateCommand($"""
            WITH inserted AS (INSERT INTO {Table} (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING key)
            SELECT key FROM inserted UNION ALL SELECT key FROM {Table} WHERE id = 1 LIMIT 1
            """);
        command.Parameters.Add(new() { Value = RandomNumberGenerator.GetBytes(32) });
        secret = await command.ExecuteScalarAsync(ct) as byte[] ?? throw new InvalidOperationException("the blind index key was not stored");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => keys.DisposeAsync();
}
