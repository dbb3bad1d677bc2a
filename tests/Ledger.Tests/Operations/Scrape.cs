using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Tests.Operations;

/// <summary>One Prometheus text exposition, read the way a dashboard reads it: a series' value is the sum over the samples whose labels match.</summary>
public sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    public static async Task<Scrape> FromAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.True(response.IsSuccessStatusCode, $"GET /metrics: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sum of the samples of <paramref name="name"/> carrying every given label; null when there is none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (Match m in SampleLine().Matches(Text))
        {
            if (m.Groups["name"].Value != name) continue;
            var found = LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["k"].Value, l => l.Groups["v"].Value);
            if (!labels.All(l => found.TryGetValue(l.Label, out var v) && v == l.Value)) continue;
            sum = (sum ?? 0) + double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    public double ValueOrZero(string name, params (string Label, string Value)[] labels) => Value(name, labels) ?? 0;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>(?:[^""}]|""(?:[^""\\]|\\.)*"")*)\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
