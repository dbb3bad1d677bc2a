using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>The published contract says what the service enforces: a bearer token everywhere, and 401/403 answers.</summary>
public class OpenApiSecurityTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = app.Anonymous();
        return await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_for_the_whole_api()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().ToList();
        var bearer = Assert.Single(schemes, s =>
            s.Value.GetProperty("type").GetString() == "http" && s.Value.GetProperty("scheme").GetString() == "bearer");
        var requirement = Assert.Single(document.GetProperty("security").EnumerateArray());
        Assert.True(requirement.TryGetProperty(bearer.Name, out _), $"the top-level security requirement does not name '{bearer.Name}': {requirement}");
    }

    [Fact]
    public async Task Every_operation_declares_401_and_403()
    {
        var document = await DocumentAsync();

        var operations = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where Methods.Contains(operation.Name)
            select (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Responses: operation.Value.GetProperty("responses"))).ToList();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the document");
        Assert.All(operations, o =>
        {
            Assert.True(o.Responses.TryGetProperty("401", out _), $"{o.Name} does not declare 401");
            Assert.True(o.Responses.TryGetProperty("403", out _), $"{o.Name} does not declare 403");
        });
    }
}
