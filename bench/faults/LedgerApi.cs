using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Writing;

namespace Ledger.Faults;

/// <summary>Small helpers over the service's HTTP API for the suites (setup and read-back, retried through outages).</summary>
public static class LedgerApi
{
    public static readonly string[] Countries = ["FR", "DE", "IT", "ES"];

    public static HttpClient Client(ServiceProcess service, TimeSpan timeout)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = service.Address, Timeout = timeout,
        };
        http.DefaultRequestHeaders.Authorization = new("Bearer", service.Token("faults", Countries));
        return http;
    }

    /// <summary>Sends until the service answers something other than a 5xx or a broken connection (setup and reads only).</summary>
    public static async Task<HttpResponseMessage> SendUntilAnsweredAsync(HttpClient http, Func<HttpRequestMessage> request, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                var response = await http.SendAsync(request());
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline) return response;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline) { }
            await Task.Delay(200);
        }
    }

    public static async Task<Guid> RegisterAsync(HttpClient http, string nationality)
    {
        var key = Guid.NewGuid().ToString();
        var response = await SendUntilAnsweredAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/travellers")
        {
            Content = JsonContent.Create(new { nationalities = new[] { nationality } }),
            Headers = { { "Idempotency-Key", key } },
        }, TimeSpan.FromMinutes(2));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"registering a traveller answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// How often each crossing id is present across <paramref name="travellers"/>; one recorded on another traveller than
    /// the one it was sent to (<paramref name="sent"/>) counts once more, as a duplicate.
    /// </summary>
    public static async Task<Dictionary<string, int>> PresentCrossingsAsync(HttpClient http, IEnumerable<Guid> travellers, IReadOnlyDictionary<string, Guid> sent)
    {
        var present = new Dictionary<string, int>();
        foreach (var traveller in travellers)
        {
            var view = await GetJsonAsync(http, $"/travellers/{traveller}/crossings");
            foreach (var crossing in view.GetProperty("crossings").EnumerateArray())
            {
                var id = crossing.GetProperty("crossingId").GetString()!;
                present[id] = present.GetValueOrDefault(id) + 1;
                if (sent.TryGetValue(id, out var sentTo) && sentTo != traveller) present[id]++;
            }
        }
        return present;
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        var response = await SendUntilAnsweredAsync(http, () => new HttpRequestMessage(HttpMethod.Get, path), TimeSpan.FromMinutes(2));
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
