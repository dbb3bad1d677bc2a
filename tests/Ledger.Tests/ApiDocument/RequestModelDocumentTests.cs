using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Support;

namespace Ledger.Tests.ApiDocument;

/// <summary>The OpenAPI document describes request models as they are checked: required fields, forms, enums, limits.</summary>
public class RequestModelDocumentTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<JsonElement> SchemaAsync(string name) =>
        (await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("components").GetProperty("schemas").GetProperty(name);

    [Fact]
    public async Task A_crossing_request_lists_only_its_required_fields_with_their_forms_and_limits()
    {
        var crossing = await SchemaAsync("RecordCrossingRequest");
        Assert.Equal(["country", "crossingId", "date", "direction"], crossing.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        var properties = crossing.GetProperty("properties");
        Assert.Equal("date", properties.GetProperty("date").GetProperty("format").GetString());
        Assert.Equal(100, properties.GetProperty("crossingId").GetProperty("maxLength").GetInt32());
        Assert.Equal(100, properties.GetProperty("borderPoint").GetProperty("maxLength").GetInt32());

        var direction = await SchemaAsync("Direction");
        // The named values only (a null appears where the enum is also used as an optional field).
        Assert.Equal(["entry", "exit"], direction.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).OfType<string>());
    }

    [Fact]
    public async Task Free_text_and_lists_declare_their_own_limits()
    {
        var refusal = (await SchemaAsync("VisaRefusalRequest")).GetProperty("properties");
        Assert.Equal(4000, refusal.GetProperty("ground").GetProperty("maxLength").GetInt32());

        var registration = (await SchemaAsync("RegisterTravellerRequest")).GetProperty("properties");
        Assert.Equal(10, registration.GetProperty("nationalities").GetProperty("maxItems").GetInt32());
        Assert.Equal(200, registration.GetProperty("familyName").GetProperty("maxLength").GetInt32());
    }
}
