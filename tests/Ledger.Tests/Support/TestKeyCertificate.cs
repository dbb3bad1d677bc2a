using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledger.Tests.Support;

/// <summary>
/// A self-signed RSA certificate (.pfx, no password) made once per test run, which every test host encrypts its Data
/// Protection key ring with (<c>Ledger:DataProtection:CertificatePath</c>), as Production must.
/// </summary>
public static class TestKeyCertificate
{
    private static readonly Lazy<string> File_ = new(() => Make("CN=ledger test key ring"));

    public static string Path => File_.Value;

    /// <summary>A new certificate file (another one than <see cref="Path"/>).</summary>
    public static string Make(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ledger-test-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}
