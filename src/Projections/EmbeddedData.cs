namespace Ledger.Projections;

/// <summary>The versioned data files embedded in this assembly (rulesets.json, sharing.json).</summary>
internal static class EmbeddedData
{
    public static string Read(string fileName)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream($"Ledger.Projections.{fileName}")
            ?? throw new InvalidOperationException($"{fileName} is not embedded in Ledger.Projections");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
