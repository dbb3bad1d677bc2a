using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Ledger.Hardening;

/// <summary><c>Ledger:DataProtection</c>: the certificate that encrypts the Data Protection key ring at rest.</summary>
public sealed class KeysAtRestOptions
{
    public const string Section = "Ledger:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key (RSA). Its public key encrypts every key of the ring.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Earlier certificates' files, so keys a retired certificate encrypted stay readable after a rotation.</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];

    public string? PreviousCertificatePassword { get; set; }

    /// <summary>Production only: start with the key ring stored unencrypted (a warning is logged at every start).</summary>
    public bool AllowUnprotectedKeys { get; set; }
}

/// <summary>
/// The Data Protection key ring (which encrypts webhook secrets; kept in PostgreSQL by <c>MartenKeyRing</c>) is stored
/// encrypted with a certificate from configuration: whoever reads the database alone cannot decrypt the secrets.
/// In Production the service refuses to start without one unless <c>Ledger:DataProtection:AllowUnprotectedKeys</c> is
/// true, and then says so at every start. Development and tests may run without one (the old behaviour).
/// </summary>
public static class KeysAtRest
{
    public static WebApplicationBuilder AddKeysAtRest(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeysAtRestOptions.Section).Get<KeysAtRestOptions>() ?? new KeysAtRestOptions();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var certificate = Load(options.CertificatePath, options.CertificatePassword, "CertificatePath");
            var all = options.PreviousCertificatePaths.Select(p => Load(p, options.PreviousCertificatePassword, "PreviousCertificatePaths")).Prepend(certificate).ToArray();
            builder.Services.AddDataProtection()
                .ProtectKeysWithCertificate(certificate)
                // Decrypting looks for the certificate in the machine's stores unless it is named here (no store on Linux).
                .UnprotectKeysWithAnyCertificate(all);
            return builder;
        }
        if (builder.Environment.IsProduction()) builder.Services.AddHostedService(services => new UnprotectedKeys(options.AllowUnprotectedKeys, services.GetRequiredService<ILogger<UnprotectedKeys>>()));
        return builder;
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{KeysAtRestOptions.Section}:{setting} '{path}' could not be read as a PKCS#12 certificate with its private key: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"{KeysAtRestOptions.Section}:{setting} '{path}' holds no RSA private key: the key ring could be encrypted but never read back");
        return certificate;
    }
}

/// <summary>Production without a key-encryption certificate: refuse to start, or (when allowed) warn at every start.</summary>
public sealed class UnprotectedKeys(bool allowed, ILogger<UnprotectedKeys> log) : IHostedService
{
    public const string Refusal =
        "Production needs the Data Protection key ring encrypted at rest: set Ledger:DataProtection:CertificatePath " +
        "(a .pfx with an RSA private key; CertificatePassword if it has one), or Ledger:DataProtection:AllowUnprotectedKeys=true " +
        "to run with the keys stored unencrypted (docs/operations.md, Keys at rest)";

    public Task StartAsync(CancellationToken ct)
    {
        if (!allowed) throw new InvalidOperationException(Refusal);
        log.LogWarning("The Data Protection key ring is stored unencrypted (Ledger:DataProtection:AllowUnprotectedKeys=true): " +
                       "whoever reads the database can decrypt the webhook secrets. Set Ledger:DataProtection:CertificatePath");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
