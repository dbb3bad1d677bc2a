using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>
/// The service trusting only a real OpenID Connect issuer (<see cref="OpenIddictIssuer"/>), as production does: no
/// development key; the pages registered there as a client. <see cref="LedgerApp.Http"/> signs with the development key,
/// which this host refuses: use <see cref="ClientAsync"/>.
/// </summary>
public class OpenIddictApp : LedgerApp
{
    public const string Audience = "ledger-api";

    public OpenIddictIssuer Issuer { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> AuthSettings => new Dictionary<string, string?>
    {
        ["Ledger:Auth:Authority"] = Issuer.Url,
        ["Ledger:Auth:Audience"] = Audience,
        ["Ledger:Auth:RequireHttpsMetadata"] = "false",
        ["Ledger:Auth:SigningKey"] = "",
        ["Ledger:Pages:ClientId"] = OpenIddictIssuer.PagesClient,
    };

    public static OpenIddictIssuer.Signee Person(IReadOnlyList<Role> roles, IReadOnlyList<string>? countries = null, Guid? traveller = null,
        string subject = "openiddict-person", string audience = Audience) => new(subject, roles, countries ?? [], traveller, audience);

    public Task<string> TokenAsync(IReadOnlyList<Role> roles, IReadOnlyList<string>? countries = null, string audience = Audience) =>
        Issuer.AccessTokenAsync(Person(roles, countries, audience: audience));

    public async Task<HttpClient> ClientAsync(IReadOnlyList<Role> roles, IReadOnlyList<string>? countries = null) =>
        WithToken(await TokenAsync(roles, countries));

    public override async Task InitializeAsync()
    {
        Issuer = await OpenIddictIssuer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>A second service of its own, for the key rotation test (the service refreshes the issuer's keys at most every few minutes).</summary>
public sealed class OpenIddictRotationApp : OpenIddictApp;
