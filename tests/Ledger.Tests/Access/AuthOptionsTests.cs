using Ledger.Access;

namespace Ledger.Tests.Access;

/// <summary>Start-up refuses a configuration that leaves no single, sound way to trust tokens.</summary>
public class AuthOptionsTests
{
    private static readonly string GoodKey = Convert.ToBase64String(new byte[32]);

    public static TheoryData<AuthOptions, string> Refused => new()
    {
        { new AuthOptions(), "no way to trust tokens; set Ledger:Auth:Authority (OpenID Connect) or Ledger:Auth:SigningKey" },
        { new AuthOptions { Authority = " ", SigningKey = "" }, "no way to trust tokens" },
        { new AuthOptions { Authority = "https://issuer.example/realms/ledger", SigningKey = GoodKey }, "set Authority or SigningKey, not both" },
        { new AuthOptions { SigningKey = Convert.ToBase64String(new byte[31]) }, "SigningKey must be at least 32 bytes (it is 31)" },
        { new AuthOptions { SigningKey = "not base64!" }, "SigningKey is not base64" },
        { new AuthOptions { Authority = "issuer.example/realms/ledger" }, "Authority is not an absolute URL" },
        { new AuthOptions { SigningKey = GoodKey, Audience = "" }, "Audience must not be empty" },
        { new AuthOptions { SigningKey = GoodKey, MaxTokenHours = 0 }, "MaxTokenHours must be between 1 and 720 (it is 0)" },
        { new AuthOptions { SigningKey = GoodKey, MaxTokenHours = 721 }, "MaxTokenHours must be between 1 and 720 (it is 721)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses(AuthOptions options, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());
        Assert.StartsWith("Ledger:Auth", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Accepts_exactly_one_way_to_trust_tokens()
    {
        var withKey = new AuthOptions { SigningKey = GoodKey };
        var withAuthority = new AuthOptions { Authority = "https://issuer.example/realms/ledger" };
        Assert.Same(withKey, withKey.Validate());
        Assert.Same(withAuthority, withAuthority.Validate());
    }
}
