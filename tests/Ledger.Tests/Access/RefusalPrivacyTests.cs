using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>A 401 or 403 says nothing about whether the traveller exists: same status, same body, for a real and a made-up id.</summary>
public class RefusalPrivacyTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    public static TheoryData<string> Reads =>
    [
        "/travellers/{id}",
        "/travellers/{id}/status",
        "/travellers/{id}/compliance",
        "/travellers/{id}/crossings",
        "/travellers/{id}/events",
        "/travellers/{id}/visas",
        "/travellers/{id}/permits",
        "/travellers/{id}/incidents",
        "/travellers/{id}/shared-records",
    ];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Without_a_token(string route)
    {
        using var anonymous = app.Anonymous();
        await AssertSameRefusalAsync(route, HttpStatusCode.Unauthorized, path => anonymous.GetAsync(path));
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task With_another_travellers_token(string route)
    {
        using var someoneElse = app.ClientAs([Role.Traveller], traveller: Guid.NewGuid());
        await AssertSameRefusalAsync(route, HttpStatusCode.Forbidden, path => someoneElse.GetAsync(path));
    }

    [Fact]
    public async Task Recording_a_crossing_in_another_country()
    {
        using var germanRecorder = app.ClientAs([Role.Recorder], ["DE"]);
        var crossing = new { crossingId = "c1", direction = "entry", country = "FR", date = app.DaysAgo(1) };
        await AssertSameRefusalAsync("/travellers/{id}/crossings", HttpStatusCode.Forbidden,
            path => germanRecorder.PostAsJsonAsync(path, crossing));
    }

    private async Task AssertSameRefusalAsync(string route, HttpStatusCode status, Func<string, Task<HttpResponseMessage>> send)
    {
        var existing = await app.RegisterTravellerAsync("US");
        var madeUp = Guid.NewGuid();

        var forExisting = await Problem.AssertAsync(await send(route.Replace("{id}", existing.ToString())), status);
        var forMadeUp = await Problem.AssertAsync(await send(route.Replace("{id}", madeUp.ToString())), status);

        Assert.Equal(WithoutTraceId(forExisting), WithoutTraceId(forMadeUp));
    }

    /// <summary>The body without its trace id, which differs per request anyway.</summary>
    private static string WithoutTraceId(JsonElement body) =>
        JsonSerializer.Serialize(body.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
}
