using System.Net;
using Ledger.Webhooks;

namespace Ledger.Tests.Webhooks;

/// <summary>Every range the webhook guard refuses, at both of its edges, and the public addresses just outside.</summary>
public class AddressClassifierTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("1.1.1.1", AddressKind.Public)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.255.255.255", AddressKind.Unspecified)]
    [InlineData("9.255.255.255", AddressKind.Public)]
    [InlineData("10.0.0.0", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("11.0.0.0", AddressKind.Public)]
    [InlineData("100.63.255.255", AddressKind.Public)]
    [InlineData("100.64.0.0", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("100.128.0.0", AddressKind.Public)]
    [InlineData("126.255.255.255", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("128.0.0.0", AddressKind.Public)]
    [InlineData("169.253.255.255", AddressKind.Public)]
    [InlineData("169.254.0.0", AddressKind.LinkLocal)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("169.255.0.0", AddressKind.Public)]
    [InlineData("172.15.255.255", AddressKind.Public)]
    [InlineData("172.16.0.0", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.0", AddressKind.Public)]
    [InlineData("192.167.255.255", AddressKind.Public)]
    [InlineData("192.168.0.0", AddressKind.Private)]
    [InlineData("192.168.255.255", AddressKind.Private)]
    [InlineData("192.169.0.0", AddressKind.Public)]
    [InlineData("223.255.255.255", AddressKind.Public)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.255", AddressKind.Multicast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    public void IPv4(string address, AddressKind expected) => Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2606:4700:4700::1111", AddressKind.Public)]
    [InlineData("2a00:1450:4001::200e", AddressKind.Public)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("fbff:ffff::1", AddressKind.Public)]
    [InlineData("fc00::", AddressKind.Private)]
    [InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressKind.Private)]
    [InlineData("fe00::1", AddressKind.Public)]
    [InlineData("fe80::", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf:ffff::1", AddressKind.LinkLocal)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("ff0e::1", AddressKind.Multicast)]
    // IPv6 spellings of IPv4 addresses are judged by the IPv4 address they reach.
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    [InlineData("::10.0.0.1", AddressKind.Private)]
    [InlineData("64:ff9b::192.168.1.1", AddressKind.Private)]
    [InlineData("64:ff9b::8.8.8.8", AddressKind.Public)]
    public void IPv6(string address, AddressKind expected) => Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("::1", true, false)]
    [InlineData("::ffff:127.0.0.1", true, false)]
    [InlineData("10.0.0.1", true, true)]
    [InlineData("169.254.169.254", true, true)]
    [InlineData("0.0.0.0", true, true)]
    [InlineData("8.8.8.8", false, false)]
    public void Only_public_addresses_and_allowed_loopback_are_accepted(string address, bool allowLoopback, bool refused) =>
        Assert.Equal(refused, AddressClassifier.IsRefused(IPAddress.Parse(address), allowLoopback));
}
