using System.Net;
using System.Net.Sockets;

namespace Ledger.Webhooks;

/// <summary>What an IP address is, as far as sending a webhook to it is concerned.</summary>
public enum AddressKind
{
    /// <summary>Routable on the internet: the only kind a webhook may be sent to (besides allowed loopback).</summary>
    Public,
    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7 (and the deprecated site-local fec0::/10).</summary>
    Private,
    /// <summary>100.64/10, carrier-grade NAT: not the internet, often the provider's own network.</summary>
    SharedAddressSpace,
    /// <summary>169.254/16, fe80::/10: where cloud metadata services answer.</summary>
    LinkLocal,
    /// <summary>127/8, ::1.</summary>
    Loopback,
    /// <summary>0/8 and ::, which the operating system takes to mean "this host".</summary>
    Unspecified,
    /// <summary>224/4, ff00::/8.</summary>
    Multicast,
    /// <summary>240/4 (reserved) and 255.255.255.255 (limited broadcast).</summary>
    Reserved,
}

/// <summary>
/// Classifies addresses so webhooks cannot be pointed at the service's own network (server-side request forgery).
/// Pure: no I/O, so every range boundary is unit-tested. IPv6 forms that embed an IPv4 address (mapped, compatible,
/// NAT64) are judged by the embedded address, or <c>::ffff:10.0.0.1</c> would slip past the private ranges.
/// </summary>
public static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return ClassifyV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return AddressKind.Reserved;
        if (address.IsIPv4MappedToIPv6) return ClassifyV4(address.MapToIPv4().GetAddressBytes());
        return ClassifyV6(address.GetAddressBytes());
    }

    /// <summary>True when a webhook must not be sent to the address.</summary>
    public static bool IsRefused(IPAddress address, bool allowLoopback) => Classify(address) switch
    {
        AddressKind.Public => false,
        AddressKind.Loopback => !allowLoopback,
        _ => true,
    };

    private static AddressKind ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => AddressKind.Unspecified,
        [10, ..] => AddressKind.Private,
        [100, var second, ..] when (second & 0xC0) == 64 => AddressKind.SharedAddressSpace,
        [127, ..] => AddressKind.Loopback,
        [169, 254, ..] => AddressKind.LinkLocal,
        [172, var second, ..] when (second & 0xF0) == 16 => AddressKind.Private,
        [192, 168, ..] => AddressKind.Private,
        [>= 224 and <= 239, ..] => AddressKind.Multicast,
        [>= 240, ..] => AddressKind.Reserved,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(byte[] b)
    {
        if (b.All(x => x == 0)) return AddressKind.Unspecified;
        if (b.Take(15).All(x => x == 0) && b[15] == 1) return AddressKind.Loopback;
        // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64 well-known prefix) reach an IPv4 host.
        if (b.Take(12).All(x => x == 0) || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0)))
            return ClassifyV4(b[12..]);
        if ((b[0] & 0xFE) == 0xFC) return AddressKind.Private;
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressKind.LinkLocal;
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return AddressKind.Private;
        if (b[0] == 0xFF) return AddressKind.Multicast;
        return AddressKind.Public;
    }

    /// <summary>How a refusal names the kind, for problem details and delivery errors.</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Private => "a private address",
        AddressKind.SharedAddressSpace => "a shared (carrier-grade NAT) address",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.Loopback => "a loopback address",
        AddressKind.Unspecified => "an unspecified address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Reserved => "a reserved address",
        _ => "a public address",
    };
}
