using Ledger.Hosting;

namespace Ledger.Tests.Access;

/// <summary>The host itself will not build with a bad <c>Ledger:Auth</c> section: the operator sees why at start-up.</summary>
public class StartupValidationTests
{
    [Theory]
    [InlineData("", "", "no way to trust tokens")]
    [InlineData("https://issuer.example/realms/ledger", "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=", "not both")]
    [InlineData("", "AQIDBAUGBwgJCgsMDQ4PEA==", "at least 32 bytes")]
    public void Building_the_host_fails_with_the_reason(string authority, string signingKey, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LedgerHost.Build([], builder =>
        {
            // Never connected to: the host must fail before it needs a database.
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = "Host=127.0.0.1;Database=unused";
            builder.Configuration["Ledger:Auth:Authority"] = authority;
            builder.Configuration["Ledger:Auth:SigningKey"] = signingKey;
        }));
        Assert.Contains("Ledger:Auth", error.Message);
        Assert.Contains(reason, error.Message);
    }
}
