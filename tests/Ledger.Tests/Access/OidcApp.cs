using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Access;

/// <summary>
/// The service trusting only a loopback OpenID Connect issuer (no development key): keys from its discovery document,
/// audience <see cref="Audience"/>. <see cref="LedgerApp.Http"/> and <see cref="LedgerApp.ClientAs"/> sign with the
/// development key, which this host refuses; use <see cref="IssuerClientAs"/> here instead.
/// </summary>
public sealed class OidcApp : LedgerApp
{
    public const string Audience = "ledger-api";

    public OidcIssuer Issuer { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> AuthSettings => new Dictionary<string, string?>
    {
        ["Ledger:Auth:Authority"] = Issuer.Url,
        ["Ledger:Auth:Audience"] = Audience,
        ["Ledger:Auth:RequireHttpsMetadata"] = "false",
        // No development key, even if the environment exports one: start-up refuses both.
        ["Ledger:Auth:SigningKey"] = "",
    };

    /// <summary>A token the issuer signs for this service: valid until a test changes something.</summary>
    public TokenSpec Token(IReadOnlyList<Role> roles) => Issuer.Token(Audience, roles);

    public HttpClient IssuerClientAs(IReadOnlyList<Role> roles, IReadOnlyList<string>? countries = null, Guid? traveller = null, string subject = "test-client") =>
        WithToken((Token(roles) with { Countries = countries ?? [], Traveller = traveller, Subject = subject }).Create());

    public override async Task InitializeAsync()
    {
        Issuer = await OidcIssuer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
