using System.Net;
using Ledger.Webhooks;
using Ledger.Problems;

namespace Ledger.Tests.Webhooks;

/// <summary>The URL rules without a service: syntax, and what a host's addresses allow (loopback only here: no network).</summary>
public class WebhookUrlPolicyTests
{
    private static readonly WebhookUrlPolicy Strict = new(new WebhookOptions());
    private static readonly WebhookUrlPolicy Loopback = new(new WebhookOptions { AllowLoopback = true });

    private static string RefusalOf(WebhookUrlPolicy policy, string? url)
    {
        var problem = Assert.Throws<LedgerProblem>(() => policy.Parse(url));
        Assert.Equal(400, problem.Status);
        Assert.Equal("url", problem.Extensions["field"]);
        return problem.Message;
    }

    [Theory]
    [InlineData(null, "url is required")]
    [InlineData("  ", "url is required")]
    [InlineData("/hooks/warnings", "url must use https")] // an absolute path is a file: URL on Unix
    [InlineData("hooks.example.org/warnings", "url is not an absolute URL")]
    [InlineData("ftp://hooks.example.org/warnings", "url must use https")]
    [InlineData("http://hooks.example.org/warnings", "url must use https")]
    [InlineData("https://user:password@hooks.example.org/warnings", "url must not contain a user name or password")]
    public void Malformed_urls_are_refused_naming_the_field(string? url, string expected) => Assert.Equal(expected, RefusalOf(Strict, url));

    [Fact]
    public void A_url_of_2048_characters_is_accepted_one_more_is_refused_without_echoing_it()
    {
        const string start = "https://hooks.example.org/";
        var longest = start + new string('a', WebhookUrlPolicy.MaxLength - start.Length);
        Assert.Equal(WebhookUrlPolicy.MaxLength, Strict.Parse(longest).AbsoluteUri.Length);
        var detail = RefusalOf(Strict, longest + "a");
        Assert.Equal("url is longer than 2048 characters", detail);
    }

    [Fact]
    public void Plain_http_is_parsed_only_when_loopback_is_allowed() =>
        Assert.Equal("http", Loopback.Parse("http://127.0.0.1:8080/hook").Scheme);

    [Theory]
    [InlineData("https://hooks.example.org/", "10.1.2.3", "url host resolves to a private address")]
    [InlineData("https://hooks.example.org/", "169.254.169.254", "url host resolves to a link-local address")]
    [InlineData("https://hooks.example.org/", "100.64.1.1", "url host resolves to a shared (carrier-grade NAT) address")]
    [InlineData("https://hooks.example.org/", "fd12::1", "url host resolves to a private address")]
    [InlineData("https://hooks.example.org/", "::ffff:192.168.0.1", "url host resolves to a private address")]
    [InlineData("https://hooks.example.org/", "0.0.0.0", "url host resolves to an unspecified address")]
    [InlineData("https://hooks.example.org/", "ff02::1", "url host resolves to a multicast address")]
    [InlineData("https://hooks.example.org/", "127.0.0.1", "url host resolves to a loopback address")]
    public void Hosts_that_resolve_inward_are_refused(string url, string address, string expected) =>
        Assert.Equal(expected, Strict.Refusal(new Uri(url), [IPAddress.Parse(address)]));

    [Fact]
    public void One_inward_address_among_public_ones_is_enough_to_refuse() =>
        Assert.Equal("url host resolves to a private address",
            Strict.Refusal(new Uri("https://hooks.example.org/"), [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.7")]));

    [Fact]
    public void Public_addresses_over_https_are_accepted()
    {
        Assert.Null(Strict.Refusal(new Uri("https://hooks.example.org/"), [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]));
        Assert.Equal("url host resolves to no address", Strict.Refusal(new Uri("https://hooks.example.org/"), []));
    }

    [Fact]
    public void Plain_http_is_accepted_to_loopback_only_even_when_loopback_is_allowed()
    {
        Assert.Null(Loopback.Refusal(new Uri("http://localhost:8080/hook"), [IPAddress.Loopback, IPAddress.IPv6Loopback]));
        Assert.Equal("url must use https (plain http is accepted only to loopback)",
            Loopback.Refusal(new Uri("http://hooks.example.org/"), [IPAddress.Parse("93.184.215.14")]));
    }

    [Fact]
    public async Task Localhost_is_resolved_through_dns_and_refused_unless_loopback_is_allowed()
    {
        var url = Loopback.Parse("http://localhost:8080/hook");
        var addresses = await WebhookUrlPolicy.ResolveAsync(url, CancellationToken.None);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(a)));
        await Loopback.CheckAddressesForRegistrationAsync(url, CancellationToken.None);
        var problem = await Assert.ThrowsAsync<LedgerProblem>(() => Strict.CheckAddressesForRegistrationAsync(new Uri("https://localhost/hook"), CancellationToken.None));
        Assert.Equal("url host resolves to a loopback address", problem.Message);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_400()
    {
        // .invalid never resolves (RFC 6761), with or without a network.
        var problem = await Assert.ThrowsAsync<LedgerProblem>(() =>
            Strict.CheckAddressesForRegistrationAsync(new Uri("https://hooks.ledger-test.invalid/"), CancellationToken.None));
        Assert.Equal(400, problem.Status);
        Assert.Equal("url host could not be resolved", problem.Message);
    }

    [Fact]
    public void Logged_urls_keep_scheme_host_and_port_only() =>
        Assert.Equal("https://hooks.example.org:8443",
            WebhookUrlPolicy.ForLog(new Uri("https://hooks.example.org:8443/services/T0/B0/XXXX?token=abc#f")));
}
