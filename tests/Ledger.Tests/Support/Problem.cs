using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Support;

public static class Problem
{
    /// <summary>Asserts an RFC 7807 response with the status, and returns its body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }
}
