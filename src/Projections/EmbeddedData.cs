using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Projections.StayRules;

namespace Ledger.Projections;

/// <summary>The versioned data files embedded in this assembly (rulesets.json, sharing.json, the cited data files).</summary>
internal static class EmbeddedData
{
    public static string Read(string fileName)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream($"Ledger.Projections.{fileName}")
            ?? throw new InvalidOperationException($"{fileName} is not embedded in Ledger.Projections");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A cited data file read strictly: an unknown field, an enum given as a number or a name the file does not know is
    /// refused, naming the file and <paramref name="what"/> it should be; comments only where <paramref name="comments"/>.
    /// </summary>
    public static T? Deserialize<T>(string json, string sourceName, string what, bool comments = true)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                ReadCommentHandling = comments ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
                Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
            });
        }
        catch (JsonException e)
        {
            throw new RuleSetException($"{sourceName}: not a valid {what}: {e.Message}");
        }
    }
}
