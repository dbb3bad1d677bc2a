using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Access;
using Ledger.Tests.Access;
using Ledger.Tests.Support;
using Ledger.ApiDocument;

namespace Ledger.Tests.ApiDocument;

/// <summary>The service with its interactive API reference switched on (it is on by default in development only).</summary>
public sealed class DocsApp : LedgerApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ledger:ApiReference"] = "true" };
}

/// <summary>
/// The API document tells the truth: every route has an operation id and summary in words and a tag, and every
/// answer a route really gives (its success, and its refusals: no token, no right, unknown traveller, a body that is
/// not an object) is one the document declares for it, with a body where the answer has one.
/// </summary>
public class ApiDocumentTests(DocsApp app) : IClassFixture<DocsApp>
{
    private async Task<JsonElement> DocumentAsync() => await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        where op.Name is "get" or "post" or "put" or "delete"
        select (op.Name.ToUpperInvariant(), path.Name, op.Value);

    [Fact]
    public async Task Every_route_has_an_operation_id_a_summary_and_a_tag_from_the_table()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        foreach (var (method, path, op) in operations)
        {
            var row = ApiOperations.Find(method, path);
            Assert.True(row is not null, $"{method} {path} has no row in ApiOperations");
            Assert.Equal(row!.Id, op.GetProperty("operationId").GetString());
            Assert.Equal(row.Summary, op.GetProperty("summary").GetString());
            Assert.Equal([row.Tag], op.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
        foreach (var row in ApiOperations.All)
            Assert.True(operations.Any(o => o.Method == row.Method && o.Path == row.Route), $"{row.Method} {row.Route} is in the table but not a route");
    }

    [Fact]
    public async Task Registering_declares_201_with_the_new_id_and_writes_carry_an_example()
    {
        var document = await DocumentAsync();
        var register = document.GetProperty("paths").GetProperty("/travellers").GetProperty("post");
        var created = register.GetProperty("responses").GetProperty("201");
        Assert.True(created.GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Contains("nationalities", register.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText());
        foreach (var code in new[] { "400", "401", "403" })
            Assert.True(register.GetProperty("responses").TryGetProperty(code, out _), $"POST /travellers declares no {code}");
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs()
    {
        var response = await app.Anonymous().GetAsync(ApiReference.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Travel-history ledger API", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string> Routes()
    {
        var data = new TheoryData<string>();
        foreach (var route in RoleMatrixTests.Routes.Where(r => r.Path != "/metrics")) data.Add(route.Name);
        return data;
    }

    /// <summary>
    /// Each route of the role matrix (the same requests, with bodies), as a principal holding every right, then without
    /// a token, without a right, for an unknown traveller and with a body that is not an object: each answer's status
    /// must be declared for the route, and a declared success with a body must have one.
    /// </summary>
    [Theory]
    [MemberData(nameof(Routes))]
    public async Task What_a_route_answers_is_what_the_document_declares(string name)
    {
        var route = RoleMatrixTests.Routes.Single(r => r.Name == name);
        var document = await DocumentAsync();
        var (template, operation) = Match(document, route.Method.Method, route.Path.Split('?')[0]);
        var declared = operation.GetProperty("responses");
        var traveller = await TravellerWithRecordsAsync();

        async Task Agrees(string what, HttpClient client, Guid id, Func<string, object>? body)
        {
            var request = new HttpRequestMessage(route.Method, route.Path.Replace("{id}", id.ToString()));
            if (body?.Invoke(id.ToString()) is { } content) request.Content = content as HttpContent ?? JsonContent.Create(content);
            var response = await client.SendAsync(request);
            var status = ((int)response.StatusCode).ToString();
            Assert.True(declared.TryGetProperty(status, out var answer),
                $"{route.Method} {template} ({what}) answered {status}, which the document does not declare (it declares {string.Join(", ", declared.EnumerateObject().Select(p => p.Name))})");
            var hasBody = (response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync()).Length) > 0;
            if (status.StartsWith('2') && hasBody)
                Assert.True(answer.TryGetProperty("content", out _), $"{route.Method} {template} answered {status} with a body the document does not describe");
        }

        var everything = app.ClientAs([Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin, Role.Partner], ["FR", "US"], subject: "doc-check");
        await Agrees("with every right", everything, traveller, route.Body);
        await Agrees("without a token", app.Anonymous(), traveller, route.Body);
        await Agrees("without a right", app.ClientAs([], subject: "no-rights"), traveller, route.Body);
        if (template.Contains("{id}") && template.StartsWith("/travellers/"))
            await Agrees("unknown traveller", everything, Guid.NewGuid(), route.Body);
        if (route.Method == HttpMethod.Post && route.Body is not null && route.Path != "/imports?importId=matrix-{id}")
            await Agrees("a body that is not an object", everything, traveller, _ => new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
    }

    /// <summary>The document's path for a concrete path (the one with the fewest parameters when several fit).</summary>
    private static (string Template, JsonElement Operation) Match(JsonElement document, string method, string path)
    {
        var candidates = Operations(document).Where(o => o.Method == method.ToUpperInvariant())
            .Where(o => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(o.Path), @"\\\{[^}]+}", "[^/]+") + "$"))
            .OrderBy(o => o.Path.Count(c => c == '{')).ToList();
        Assert.True(candidates.Count > 0, $"{method} {path} is not in the document");
        return (candidates[0].Path, candidates[0].Operation);
    }

    /// <summary>The records the role matrix's requests refer to (crossing "in", application a1, visa V1, incident I1).</summary>
    private async Task<Guid> TravellerWithRecordsAsync()
    {
        var id = await app.RegisterTravellerAsync("IN");
        async Task Ok(string path, object body) => Assert.True((await app.PostAsync(path, body)).IsSuccessStatusCode, $"setup POST {path}");
        await Ok($"/travellers/{id}/crossings", new { crossingId = "in", direction = "entry", country = "FR", date = app.DaysAgo(20) });
        await Ok($"/travellers/{id}/visas/applications", new { applicationId = "a1", state = "FR", type = "C", date = "2024-11-01" });
        await Ok($"/travellers/{id}/visas", new
        {
            visaId = "V1", issuingState = "FR", type = "C", entries = "multiple", validFrom = "2025-01-01", validUntil = "2025-12-31", durationDays = 90, issuedOn = "2024-12-01",
        });
        await Ok($"/travellers/{id}/incidents", new { incidentId = "I1", jurisdiction = "FR", date = "2025-02-01", category = "policeReport", source = "police" });
        return id;
    }
}
