namespace Ledger.Access;

/// <summary>
/// How tokens are trusted (<c>Ledger:Auth</c>): either an OpenID Connect issuer (<see cref="Authority"/>, keys from its
/// discovery document) or a symmetric development key (<see cref="SigningKey"/>), never both.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Ledger:Auth";

    /// <summary>Issuer of tokens signed with <see cref="SigningKey"/> (development tokens).</summary>
    public const string DevelopmentIssuer = "ledger-development";

    /// <summary>The OpenID Connect issuer, e.g. https://keycloak.example/realms/ledger.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must carry (default <c>ledger</c>).</summary>
    public string Audience { get; set; } = "ledger";

    /// <summary>Base64 of at least 32 random bytes: HMAC-SHA256 key for development and tests.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Only for a local issuer over http (tests, a Keycloak on the same machine). Production keeps https.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// A development key in the Production environment is refused at start-up unless this is true (then a warning is
    /// logged at every start): whoever holds the key can mint any role for any state.
    /// </summary>
    public bool AllowSigningKeyInProduction { get; set; }

    /// <summary>
    /// The longest lifetime a token may have, in hours (1-720, default 12): a token whose <c>exp</c> lies further than
    /// this after its <c>iat</c> (or <c>nbf</c>) is refused with 401, however it was minted. It also bounds how long a
    /// revocation must be kept.
    /// </summary>
    public int MaxTokenHours { get; set; } = 12;

    public const int MaxTokenHoursLimit = 720;

    public TimeSpan MaxTokenLifetime => TimeSpan.FromHours(MaxTokenHours);

    /// <summary>Claim names, for providers that spell them otherwise (Entra ID: <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "role";
    public string CountryClaim { get; set; } = "country";
    public string TravellerClaim { get; set; } = "traveller";

    public byte[] SigningKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(SigningKey)) throw new InvalidOperationException($"{Section}:SigningKey is not set");
        byte[] key;
        try { key = Convert.FromBase64String(SigningKey); }
        catch (FormatException) { throw new InvalidOperationException($"{Section}:SigningKey is not base64"); }
        return key.Length >= 32 ? key : throw new InvalidOperationException($"{Section}:SigningKey must be at least 32 bytes (it is {key.Length})");
    }

    /// <summary>Refuses to start without a way to trust tokens, or with two.</summary>
    public AuthOptions Validate()
    {
        var hasAuthority = !string.IsNullOrWhiteSpace(Authority);
        var hasKey = !string.IsNullOrWhiteSpace(SigningKey);
        if (hasAuthority == hasKey)
            throw new InvalidOperationException(hasAuthority
                ? $"{Section}: set Authority or SigningKey, not both"
                : $"{Section}: no way to trust tokens; set {Section}:Authority (OpenID Connect) or {Section}:SigningKey (development; scripts/run makes one)");
        if (hasKey) _ = SigningKeyBytes();
        if (hasAuthority && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
            throw new InvalidOperationException($"{Section}:Authority is not an absolute URL");
        if (string.IsNullOrWhiteSpace(Audience)) throw new InvalidOperationException($"{Section}:Audience must not be empty");
        if (MaxTokenHours is < 1 or > MaxTokenHoursLimit)
            throw new InvalidOperationException($"{Section}:MaxTokenHours must be between 1 and {MaxTokenHoursLimit} (it is {MaxTokenHours})");
        return this;
    }

    /// <summary>Whether tokens are trusted through the shared development key (rather than an issuer).</summary>
    public bool UsesSigningKey => !string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>
    /// Production trusts an OpenID Connect issuer: a shared key there is refused, with the one setting that accepts it.
    /// Call after <see cref="Validate"/>.
    /// </summary>
    public AuthOptions RefuseSigningKeyIn(IHostEnvironment environment)
    {
        if (environment.IsProduction() && UsesSigningKey && !AllowSigningKeyInProduction)
            throw new StartupRefusedException(
                $"{Section}:SigningKey is set in the Production environment, where anyone holding the key could mint any role for any state: " +
                $"configure {Section}:Authority (an OpenID Connect issuer) instead, or set {Section}:AllowSigningKeyInProduction=true to accept that risk");
        return this;
    }
}
