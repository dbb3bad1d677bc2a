namespace Ledger.Access;

/// <summary>
/// Logged at every start of a Production service that trusts the shared development key
/// (<c>Ledger:Auth:AllowSigningKeyInProduction=true</c>): an operator reading the log sees the risk each time.
/// </summary>
public sealed class SigningKeyWarning(ILogger<SigningKeyWarning> log) : IHostedService
{
    public const string Message =
        "Ledger:Auth:SigningKey is trusted in Production (Ledger:Auth:AllowSigningKeyInProduction=true): anyone holding that key can mint any role " +
        "for any state. Production should trust an OpenID Connect issuer (Ledger:Auth:Authority) instead";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogWarning(Message);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
