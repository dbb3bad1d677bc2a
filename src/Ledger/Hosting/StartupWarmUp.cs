using System.Diagnostics;
using System.Text.Json;
using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;
using JasperFx.CodeGeneration;
using Wolverine.Runtime.Handlers;

namespace Ledger.Hosting;

/// <summary>
/// Does at start-up, before the server listens, what a cold service would otherwise do on its first requests: load the
/// pre-generated handlers, build the JSON contracts of every endpoint, open database connections and run the Marten
/// queries a write runs, JIT the stay-rule engine and token validation, and (with an OpenID Connect issuer) fetch the
/// issuer's signing keys. It writes nothing: a ledger never holds made-up records, so the append itself stays cold.
/// Every step is best effort: a failure is logged and start-up goes on (the request that needs it does the work then).
/// </summary>
public sealed class StartupWarmUp(IServiceProvider services, ILogger<StartupWarmUp> logger) : IHostedService
{
    /// <summary>Longest wait for the issuer's discovery document; beyond it the first request fetches it.</summary>
    private static readonly TimeSpan IssuerTimeout = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Step("handlers", LoadHandlers);
        Step("json", BuildJsonContracts);
        Step("rules", RunRuleEngine);
        Step("tokens", ValidateAToken);
        // Database and issuer are I/O: they overlap with each other.
        await Task.WhenAll(StepAsync("database", () => QueryTheStoreAsync(cancellationToken)),
            StepAsync("issuer", () => FetchIssuerKeysAsync(cancellationToken)));
        logger.LogInformation("Warm-up done in {Milliseconds} ms", (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Attaches every pre-generated message handler (Static mode loads each on first use otherwise).</summary>
    private void LoadHandlers()
    {
        foreach (var handlers in services.GetServices<ICodeFileCollection>().OfType<HandlerGraph>())
            foreach (var chain in handlers.Chains) handlers.HandlerFor(chain.MessageType);
    }

    /// <summary>System.Text.Json builds a type's contract on first use: do it for every request and response body.</summary>
    private void BuildJsonContracts()
    {
        var http = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        foreach (var chain in services.GetServices<ICodeFileCollection>().OfType<HttpGraph>().SelectMany(g => g.Chains))
        {
            var options = chain.JsonSerializerOptions ?? http;
            if (chain.RequestType is { } request) options.GetTypeInfo(request);
            if (chain.ResourceType is { } resource && resource != typeof(void) && !resource.IsAssignableTo(typeof(IResult)))
                options.GetTypeInfo(resource);
        }
    }

    /// <summary>A small in-memory history through pairing, settlement and every regime's check (no I/O).</summary>
    private void RunRuleEngine()
    {
        var rules = services.GetRequiredService<RuleSet>();
        var id = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var traveller = Traveller.FromRegistration(new TravellerRegistered(id, ["US"], DateTimeOffset.UtcNow)).Anticipate([
            new EntryRecorded(id, "warm-up-1", "FR", today.AddDays(-40), null, null, null, CrossingSource.BorderSystem),
            new ExitRecorded(id, "warm-up-2", "DE", today.AddDays(-30), null, null, null, CrossingSource.BorderSystem),
            new EntryRecorded(id, "warm-up-3", "IT", today.AddDays(-10), null, null, null, CrossingSource.BorderSystem),
        ]);
        var history = traveller.ToTravelHistory(rules);
        foreach (var regime in rules.Regimes) new StayRuleEngine(regime).Check(history, today);
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); // the first look-up loads the zone database (crossings with a time)
    }

    /// <summary>
    /// The JWT handler's first validation is slow (metadata, crypto, claim mapping). Validate a token signed with a
    /// throw-away key against a copy of the service's parameters: the same code runs, and no real key is involved.
    /// </summary>
    private void ValidateAToken()
    {
        var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new System.Security.Claims.ClaimsIdentity([new("sub", "warm-up")]),
            Expires = DateTime.UtcNow.AddMinutes(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        var parameters = jwt.TokenValidationParameters.Clone();
        parameters.IssuerSigningKey = key;
        parameters.ValidateIssuer = false;
        parameters.ValidateAudience = false;
        var result = handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
        if (!result.IsValid) throw result.Exception;
    }

    /// <summary>What a write reads before it appends: the traveller's stream for writing and its snapshot.</summary>
    private async Task QueryTheStoreAsync(CancellationToken cancellation)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var nobody = Guid.NewGuid(); // no such stream: nothing is found and nothing is saved
        await session.Events.FetchForWriting<Traveller>(nobody, cancellation);
        await session.LoadAsync<Traveller>(nobody, cancellation);
        await session.Events.FetchStreamStateAsync(nobody, cancellation);
    }

    /// <summary>With an OpenID Connect issuer, its signing keys come from its discovery document, fetched on first use.</summary>
    private async Task FetchIssuerKeysAsync(CancellationToken cancellation)
    {
        var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        if (jwt.ConfigurationManager is null) return; // development key: nothing to fetch
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(IssuerTimeout);
        await jwt.ConfigurationManager.GetConfigurationAsync(timeout.Token);
    }

    private void Step(string name, Action step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            step();
            logger.LogDebug("Warm-up step {Step}: {Milliseconds} ms", name, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) { logger.LogWarning("Warm-up step {Step} failed ({Error}); the first request that needs it does the work", name, e.GetType().Name); }
    }

    private async Task StepAsync(string name, Func<Task> step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await step();
            logger.LogDebug("Warm-up step {Step}: {Milliseconds} ms", name, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) { logger.LogWarning("Warm-up step {Step} failed ({Error}); the first request that needs it does the work", name, e.GetType().Name); }
    }
}
