using Ledger.Tests.Support;

namespace Ledger.Tests.Imports;

/// <summary>
/// The service with small import limits: two travellers per transaction (so every test file spans several), at most 50
/// lines and 64 KiB per import.
/// </summary>
public sealed class ImportsApp : LedgerApp
{
    public const int MaxLines = 50;
    public const int MaxImportBodyBytes = 65536;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ledger:Imports:TravellersPerTransaction"] = "2",
        ["Ledger:Imports:MaxLines"] = MaxLines.ToString(),
        ["Ledger:Limits:MaxBodyBytes"] = "16384",
        ["Ledger:Limits:MaxBatchBodyBytes"] = "32768",
        ["Ledger:Limits:MaxImportBodyBytes"] = MaxImportBodyBytes.ToString(),
    };

    public const string JsonLines = "application/x-ndjson";

    /// <summary>Posts a file to <c>/imports</c> as the test suite's principal (or <paramref name="client"/>).</summary>
    public Task<HttpResponseMessage> ImportAsync(string importId, string content, string mediaType = JsonLines, HttpClient? client = null) =>
        (client ?? Http).PostAsync($"/imports?importId={Uri.EscapeDataString(importId)}", new StringContent(content, System.Text.Encoding.UTF8, mediaType));

    /// <summary>One JSON line: a crossing of a traveller, as a feed would write it.</summary>
    public static string Line(Guid traveller, string crossingId, string direction, string country, string date, string? source = null) =>
        System.Text.Json.JsonSerializer.Serialize(new { travellerId = traveller, crossingId, direction, country, date, source });
}
