using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;
using static Ledger.Tests.Imports.ImportsApp;

namespace Ledger.Tests.Imports;

/// <summary>
/// What retention erased does not come back through the bulk path either: a line whose crossing id was erased, or that
/// names a traveller whose file was erased, is refused on its own (naming the policy) and records nothing, while the
/// file's other lines are recorded.
/// </summary>
public class ImportRetentionTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private async Task CrossAsync(Guid traveller, string crossingId, string direction, DateOnly date) =>
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync($"/travellers/{traveller}/crossings",
            new { crossingId, direction, country = "FR", date = date.ToString("yyyy-MM-dd") })).StatusCode);

    [Fact]
    public async Task Lines_whose_crossing_or_file_retention_erased_are_refused_naming_the_policy_and_nothing_is_recorded()
    {
        var kept = await app.RegisterTravellerAsync("US");
        var exit = Today.AddYears(-3).AddDays(-5);
        await CrossAsync(kept, "old-in", "entry", exit.AddDays(-10));
        await CrossAsync(kept, "old-out", "exit", exit);
        await CrossAsync(kept, "recent-in", "entry", Today.AddDays(-3));
        // An overstayer whose authorised stay ended over 5 years ago: the whole file goes.
        var gone = await app.RegisterTravellerAsync("US");
        await CrossAsync(gone, "long-in", "entry", Today.AddYears(-5).AddDays(-100));
        var sweep = await app.Http.PostAsync("/retention/sweeps", null);
        Assert.True(sweep.StatusCode == HttpStatusCode.OK, await sweep.Content.ReadAsStringAsync());
        var eventsBefore = await app.StreamVersionAsync(kept);

        var file = string.Join("\n",
            Line(kept, "old-out", "exit", "FR", exit.ToString("yyyy-MM-dd")),                // 1 erased under 34(1)
            Line(kept, "old-in", "entry", "FR", exit.AddDays(-10).ToString("yyyy-MM-dd")),   // 2 erased under 34(1)
            Line(kept, "recent-in", "entry", "FR", Today.AddDays(-3).ToString("yyyy-MM-dd")), // 3 already present
            Line(kept, "recent-out", "exit", "FR", Today.AddDays(-1).ToString("yyyy-MM-dd")), // 4 recorded
            Line(gone, "new-in", "entry", "FR", Today.AddDays(-2).ToString("yyyy-MM-dd")));    // 5 file erased under 34(3)
        var response = await app.ImportAsync($"import-{Guid.NewGuid():N}", file);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var lines = answer.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(),
            r => (Outcome: r.GetProperty("outcome").GetString(), Reason: r.GetProperty("reason").GetString()));

        Assert.Equal((1, 1, 3), (answer.GetProperty("recorded").GetInt32(), answer.GetProperty("alreadyPresent").GetInt32(), answer.GetProperty("refused").GetInt32()));
        Assert.Equal(("refused", "crossing old-out was erased under retention policy ees-art34-1 and cannot be recorded again"), lines[1]);
        Assert.Equal(("refused", "crossing old-in was erased under retention policy ees-art34-1 and cannot be recorded again"), lines[2]);
        Assert.Equal("alreadyPresent", lines[3].Outcome);
        Assert.Equal("recorded", lines[4].Outcome);
        Assert.Equal(("refused", $"traveller {gone} was erased under retention policy ees-art34-3"), lines[5]);

        Assert.Equal(eventsBefore + 1, await app.StreamVersionAsync(kept));
        var crossings = await app.Http.GetStringAsync($"/travellers/{kept}/crossings");
        Assert.DoesNotContain("\"old-out\"", crossings);
        Assert.DoesNotContain("\"old-in\"", crossings);
        Assert.Contains("\"recent-out\"", crossings);
        await Problem.AssertAsync(await app.Http.GetAsync($"/travellers/{gone}/crossings"), HttpStatusCode.Gone);
    }
}
