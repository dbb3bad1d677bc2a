using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Tests.Support;

/// <summary>
/// The real service on a loopback port with its own database: tests talk to it over real HTTP.
/// One per test class (xunit class fixture), so classes run in parallel without sharing data.
/// </summary>
public class LedgerApp : IAsyncLifetime
{
    private WebApplication? _app;
    private string _connectionString = "";

    /// <summary>This fixture's own database.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>
    /// A client whose token holds recorder, caseworker, auditor and admin for every country: what the suites that test
    /// the ledger's behaviour (not its access rules) act as. <see cref="ClientAs"/> makes narrower principals.
    /// </summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The development key every test host trusts (base64 of 32 fixed bytes; tests only).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly AuthOptions Auth = new() { SigningKey = SigningKey };

    private string _address = "";

    /// <summary>A token for any principal, signed with the test key.</summary>
    public string TokenFor(IReadOnlyList<Role> roles, IReadOnlyList<string>? countries = null, Guid? traveller = null, string subject = "test-client", TimeSpan? lifetime = null) =>
        DevelopmentTokens.Issue(Auth, new TokenRequest(subject, roles, countries ?? [], traveller, lifetime ?? TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);

    /// <summary>A client of the running service with no token at all. Every client checks each API answer against the API document.</summary>
    public HttpClient Anonymous() => new(new DocumentCheckingHandler(this)) { BaseAddress = new Uri(_address), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Whether clients check answers against the API document (<see cref="DocumentCheckingHandler"/>). Off only where a
    /// test sends what no client could (raw sockets do not pass here anyway) and says why.
    /// </summary>
    public bool CheckAnswers { get; set; } = true;

    private readonly List<string> _violations = [];
    private ApiDocument? _document;
    private readonly SemaphoreSlim _documentGate = new(1, 1);

    /// <summary>Answers the API tests received that the API document does not describe (each also failed its request).</summary>
    public IReadOnlyList<string> Violations { get { lock (_violations) return _violations.ToList(); } }

    internal void RecordViolation(string violation) { lock (_violations) _violations.Add(violation); }

    /// <summary>The service's OpenAPI document, read once per fixture (anonymous, unchecked).</summary>
    internal async Task<ApiDocument> DocumentAsync(CancellationToken ct)
    {
        if (_document is { } known) return known;
        await _documentGate.WaitAsync(ct);
        try
        {
            if (_document is null)
            {
                using var plain = new HttpClient { BaseAddress = new Uri(_address), Timeout = TimeSpan.FromSeconds(60) };
                _document = new ApiDocument(await plain.GetStringAsync("/openapi/v1.json", ct));
            }
            return _document;
        }
        finally { _documentGate.Release(); }
    }

    /// <summary>A client of the running service acting as the given principal.</summary>
    public HttpClient ClientAs(IReadOnlyList<Role> roles, IReadOnlyList<string>? countries = null, Guid? traveller = null, string subject = "test-client") =>
        WithToken(TokenFor(roles, countries, traveller, subject));

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
    public IDocumentStore Store => _app!.Services.GetRequiredService<IDocumentStore>();
    public IServiceProvider Services => _app!.Services;

    /// <summary>The service's clock; starts at the real now and moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Lets a fixture add services (e.g. a log sink) before the host is built.</summary>
    protected virtual void Configure(WebApplicationBuilder builder) { }

    /// <summary>Extra configuration for a fixture (e.g. short webhook back-off).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// How the host trusts tokens: the test <see cref="SigningKey"/> unless a fixture trusts another issuer instead
    /// (start-up refuses both). <see cref="Http"/>, <see cref="TokenFor"/> and <see cref="ClientAs"/> sign with that key.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string?> AuthSettings => new Dictionary<string, string?>
    {
        ["Ledger:Auth:SigningKey"] = SigningKey,
        // Test hosts run in the Production environment (the default): the key is accepted knowingly, with a warning.
        ["Ledger:Auth:AllowSigningKeyInProduction"] = "true",
    };

    public virtual async Task InitializeAsync()
    {
        _connectionString = ConnectionStringFor(await TestDatabase.CreateAsync());
        await StartAsync();
    }

    /// <summary>Lets a fixture put something between the service and its database (e.g. a proxy it can cut).</summary>
    protected virtual string ConnectionStringFor(string database) => database;

    /// <summary>Stops the service and starts a new one on the same database: what survives is what was durable.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        _app = LedgerHost.Build([], builder =>
        {
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = _connectionString;
            foreach (var (key, value) in AuthSettings) builder.Configuration[key] = value;
            // Test receivers listen on loopback; the suites send many requests as one principal.
            builder.Configuration["Ledger:Webhooks:AllowLoopback"] = "true";
            builder.Configuration["Ledger:RateLimits:PerPrincipalPerMinute"] = "1000000";
            builder.Configuration["Ledger:RateLimits:PartnerPerMinute"] = "1000000";
            // The fake clock jumps days at a time: the warning-check catch-up runs only when a test calls it.
            builder.Configuration["Ledger:Warnings:CatchUpEvery"] = "00:10:00";
            // The key ring encrypted at rest, as Production requires (the test hosts run as Production).
            builder.Configuration["Ledger:DataProtection:CertificatePath"] = TestKeyCertificate.Path;
            foreach (var (key, value) in Settings) builder.Configuration[key] = value;
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // Keep test output readable: warnings and errors only, one line each, no stack traces.
            builder.Logging.ClearProviders().AddProvider(new BriefConsoleLoggerProvider());
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<TimeProvider>(Clock);
            Configure(builder);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _address = address;
        Http = ClientAs([Role.Recorder, Role.Caseworker, Role.Auditor, Role.Admin], AllCountries, subject: "test-suite");
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        var violations = Violations;
        Assert.True(violations.Count == 0, $"{violations.Count} answer(s) outside the API document:\n{string.Join("\n", violations)}");
    }

    private async Task StopAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task<Guid> RegisterTravellerAsync(params string[] nationalities)
    {
        var response = await Http.PostAsJsonAsync("/travellers", new { nationalities = nationalities.Length == 0 ? ["US"] : nationalities });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    public Task<HttpResponseMessage> RecordCrossingAsync(Guid traveller, string crossingId, string direction, string country, string date) =>
        Http.PostAsJsonAsync($"/travellers/{traveller}/crossings", new { crossingId, direction, country, date });

    public string DaysAgo(int days) => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-days).ToString("yyyy-MM-dd");

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    public async Task<int> SchengenDaysUsedAsync(Guid traveller, string? on = null)
    {
        var status = await GetJsonAsync($"/travellers/{traveller}/status?regime=all" + (on is null ? "" : $"&on={on}"));
        return status.GetProperty("regimes").EnumerateArray()
            .Single(r => r.GetProperty("regime").GetString() == "schengen").GetProperty("daysUsed").GetInt32();
    }

    /// <summary>The traveller's events as recorded (their data), oldest first.</summary>
    public async Task<IReadOnlyList<object>> EventsOfAsync(Guid traveller)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamAsync(traveller)).Select(e => e.Data).ToList();
    }

    /// <summary>The traveller's alert feed once it holds <paramref name="expected"/> entries (the feed is filled asynchronously).</summary>
    public async Task<List<System.Text.Json.JsonElement>> AlertsOfAsync(Guid traveller, int expected)
    {
        await Eventually.HoldsAsync(async () =>
            (await GetJsonAsync($"/alerts?traveller={traveller}")).GetProperty("alerts").GetArrayLength() == expected, $"{expected} entries in the feed");
        return (await GetJsonAsync($"/alerts?traveller={traveller}")).GetProperty("alerts").EnumerateArray().ToList();
    }

    /// <summary>The traveller's row in the later warning checks, as yyyy-MM-dd, or null.</summary>
    public async Task<string?> LaterCheckOfAsync(Guid traveller)
    {
        await using var session = Store.QuerySession();
        return (await session.QueryAsync<string>($"SELECT due::text FROM {Ledger.Warnings.LaterChecks.Name} WHERE traveller_id = ?", traveller)).SingleOrDefault();
    }

    public async Task<long> StreamVersionAsync(Guid traveller)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(traveller))?.Version ?? 0;
    }

    private static readonly IReadOnlyList<string> AllCountries = Ledger.Projections.StayRules.CountryCodes.All.ToList();

    private sealed record IdOnly(Guid Id);
}
