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
    /// <summary>0/8 and ::, which the operating system takes to mean "this host" or "this network".</summary>
    Unspecified,
    /// <summary>224/4, ff00::/8.</summary>
    Multicast,
    /// <summary>240/4 (reserved) and 255.255.255.255 (limited broadcast).</summary>
    Reserved,
    /// <summary>192.0.2/24, 198.51.100/24, 203.0.113/24 (TEST-NET-1 to 3), 2001:db8::/32 and 3fff::/20: examples in documents.</summary>
    Documentation,
    /// <summary>198.18/15 and 2001:2::/48: networks for benchmarking devices.</summary>
    Benchmarking,
    /// <summary>2001::/32: Teredo, which tunnels to an IPv4 host the address does not reliably name; refused outright.</summary>
    Teredo,
    /// <summary>
    /// The rest of IANA's special-purpose registries: 192.0.0/24 and 2001::/23 (IETF protocol assignments),
    /// 192.31.196/24, 192.175.48/24 and 2001:4:112::/48, 2620:4f:8000::/48 (AS112), 192.52.193/24 and 2001:3::/32 (AMT),
    /// 192.88.99/24 (6to4 relay anycast), 100::/64 (discard-only), 100:0:0:1::/64 (dummy prefix), 5f00::/16 (SRv6
    /// SIDs) and 64:ff9b:1::/48 (local-use IPv4/IPv6 translation).
    /// </summary>
    SpecialPurpose,
}

/// <summary>
/// Classifies addresses so webhooks cannot be pointed at the service's own network (server-side request forgery), nor
/// at any address IANA's IPv4 and IPv6 special-purpose address registries set apart. Pure: no I/O, so every range
/// boundary is unit-tested. IPv6 forms that embed an IPv4 address (mapped <c>::ffff:0:0/96</c>, compatible
/// <c>::/96</c>, NAT64 <c>64:ff9b::/96</c>, local-use NAT64 <c>64:ff9b:1::/48</c>, 6to4 <c>2002::/16</c>) are judged by
/// the embedded address, or <c>::ffff:10.0.0.1</c> would slip past the private ranges.
/// </summary>
public static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return ClassifyV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return AddressKind.Reserved;
        return ClassifyV6(address.GetAddressBytes());
    }

    /// <summary>True when a webhook must not be sent to the address.</summary>
    public static bool IsRefused(IPAddress address, bool allowLoopback) => Classify(address) switch
    {
        AddressKind.Public => false,
        AddressKind.Loopback => !allowLoopback,
        _ => true,
    };

    private static AddressKind ClassifyV4(ReadOnlySpan<byte> b) => (b[0], b[1], b[2]) switch
    {
        (0, _, _) => AddressKind.Unspecified,
        (10, _, _) => AddressKind.Private,
        (100, var second, _) when (second & 0xC0) == 64 => AddressKind.SharedAddressSpace,
        (127, _, _) => AddressKind.Loopback,
        (169, 254, _) => AddressKind.LinkLocal,
        (172, var second, _) when (second & 0xF0) == 16 => AddressKind.Private,
        (192, 0, 0) => AddressKind.SpecialPurpose,
        (192, 0, 2) => AddressKind.Documentation,
        (192, 31, 196) or (192, 52, 193) or (192, 88, 99) or (192, 175, 48) => AddressKind.SpecialPurpose,
        (192, 168, _) => AddressKind.Private,
        (198, 18 or 19, _) => AddressKind.Benchmarking,
        (198, 51, 100) or (203, 0, 113) => AddressKind.Documentation,
        (>= 224 and <= 239, _, _) => AddressKind.Multicast,
        (>= 240, _, _) => AddressKind.Reserved,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(byte[] b)
    {
        ushort Group(int i) => (ushort)(b[2 * i] << 8 | b[2 * i + 1]);
        bool Zero(int from, int to) => b.AsSpan(from, to - from).IndexOfAnyExcept((byte)0) < 0;

        if (Zero(0, 16)) return AddressKind.Unspecified;
        if (Zero(0, 15) && b[15] == 1) return AddressKind.Loopback;
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible) reach an IPv4 host.
        if (Zero(0, 10) && ((b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0))) return ClassifyV4(b.AsSpan(12));
        // 64:ff9b::a.b.c.d, the NAT64 well-known prefix (RFC 6052): judged by the IPv4 host it reaches.
        if (Group(0) == 0x0064 && Group(1) == 0xFF9B && Zero(4, 12)) return ClassifyV4(b.AsSpan(12));
        // 64:ff9b:1::/48, local-use translation (RFC 8215): never the internet. Its /48 layout (RFC 6052) puts the IPv4
        // address in bytes 6-7 and 9-10 (byte 8 is zero); a special one is named, any other is still refused.
        if (Group(0) == 0x0064 && Group(1) == 0xFF9B && Group(2) == 0x0001)
            return ClassifyV4([b[6], b[7], b[9], b[10]]) is var inner && inner != AddressKind.Public ? inner : AddressKind.SpecialPurpose;
        // 2002:a.b.c.d::/48, 6to4 (RFC 3056): its traffic goes to the IPv4 host in bytes 2-5.
        if (Group(0) == 0x2002) return ClassifyV4(b.AsSpan(2, 4));
        if (Group(0) == 0x2001 && Group(1) == 0x0000) return AddressKind.Teredo;
        if (Group(0) == 0x2001 && Group(1) == 0x0db8) return AddressKind.Documentation;
        if (Group(0) == 0x2001 && Group(1) == 0x0002 && Group(2) == 0x0000) return AddressKind.Benchmarking;
        // 2001::/23, IETF protocol assignments (AMT, AS112, ORCHID, drone DETs, PCP and TURN anycast, …).
        if (Group(0) == 0x2001 && Group(1) < 0x0200) return AddressKind.SpecialPurpose;
        if (Group(0) == 0x3FFF && (Group(1) & 0xF000) == 0) return AddressKind.Documentation;
        if (Group(0) == 0x2620 && Group(1) == 0x004F && Group(2) == 0x8000) return AddressKind.SpecialPurpose;
        // 100::/64 (discard-only) and 100:0:0:1::/64 (dummy prefix).
        if (Group(0) == 0x0100 && Zero(2, 6) && (Group(3) == 0 || Group(3) == 1)) return AddressKind.SpecialPurpose;
        if (Group(0) == 0x5F00) return AddressKind.SpecialPurpose;
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
        AddressKind.Documentation => "an address reserved for documentation",
        AddressKind.Benchmarking => "an address reserved for benchmarking",
        AddressKind.Teredo => "a Teredo tunnel address",
        AddressKind.SpecialPurpose => "a special-purpose address",
        _ => "a public address",
    };
}
