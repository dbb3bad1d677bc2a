using System.Net;
using System.Text;
using Ledger.Tests.Support;

namespace Ledger.Tests.Screening;

/// <summary>Bodies that are not JSON objects, on every write route: a 400 problem, never a 500, nothing written.</summary>
public class RequestBodyTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    public static TheoryData<string, string> RoutesAndBodies()
    {
        string[] routes =
        [
            "/travellers", "/travellers/{id}/crossings", "/travellers/{id}/crossings/batch", "/travellers/{id}/crossings/c/corrections",
            "/travellers/{id}/permits", "/travellers/{id}/visas", "/travellers/{id}/visas/applications", "/travellers/{id}/visas/refusals",
            "/travellers/{id}/visas/v/revocations", "/travellers/{id}/visas/v/extensions", "/travellers/{id}/incidents",
            "/travellers/{id}/incidents/i/resolution", "/travellers/{id}/incidents/i/expungement", "/webhooks",
        ];
        var data = new TheoryData<string, string>();
        foreach (var route in routes)
            foreach (var body in new[] { "null", "[]", "\"text\"", "42" })
                data.Add(route, body);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndBodies))]
    public async Task A_body_that_is_not_a_json_object_is_400(string route, string body)
    {
        var id = await app.RegisterTravellerAsync();
        var version = await app.StreamVersionAsync(id);
        var response = await app.Http.PostAsync(route.Replace("{id}", id.ToString()), new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON object", problem.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Null_items_inside_lists_are_400_naming_the_item()
    {
        var id = await app.RegisterTravellerAsync();
        var batch = await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{id}/crossings/batch",
            new StringContent("""{ "crossings": [ null ] }""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.StartsWith("crossings[0]", batch.GetProperty("detail").GetString());

        var documents = await Problem.AssertAsync(await app.Http.PostAsync("/travellers",
            new StringContent("""{ "nationalities": ["US"], "documents": [ null ] }""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.StartsWith("documents[0]", documents.GetProperty("detail").GetString());
    }
}
