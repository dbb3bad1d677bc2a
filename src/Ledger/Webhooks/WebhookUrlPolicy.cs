using System.Net;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Webhooks;

/// <summary>
/// Which URLs a webhook may be sent to: absolute, at most <see cref="MaxLength"/> characters, https (plain http only
/// to loopback when <see cref="WebhookOptions.AllowLoopback"/>), no credentials in the URL, and a host whose every
/// address is public. Checked at registration and again before each delivery, because what a name resolves to can
/// change after it was accepted.
/// </summary>
public sealed class WebhookUrlPolicy(WebhookOptions options)
{
    public const int MaxLength = 2048;

    /// <summary>The syntax rules (no I/O). Problems name the field and never echo the input, which may be huge.</summary>
    public Uri Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Invalid("url is required");
        if (text.Length > MaxLength) throw Invalid($"url is longer than {MaxLength} characters");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)) throw Invalid("url is not an absolute URL");
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && options.AllowLoopback))
            throw Invalid("url must use https");
        if (url.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
            throw Invalid("url has no host name");
        if (url.IdnHost.Length > 253) throw Invalid("url host name is longer than DNS allows (253 characters)");
        // Credentials in a URL would be stored and shown as they are; the signature authenticates deliveries instead.
        if (url.UserInfo.Length > 0) throw Invalid("url must not contain a user name or password");
        return url;
    }

    /// <summary>The host's addresses (an IP literal is its own). Throws <see cref="System.Net.Sockets.SocketException"/> when the name does not resolve.</summary>
    public static async Task<IPAddress[]> ResolveAsync(Uri url, CancellationToken ct) =>
        url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? [IPAddress.Parse(url.Host.Trim('[', ']'))]
            : await Dns.GetHostAddressesAsync(url.IdnHost, ct);

    /// <summary>
    /// Why the URL may not be sent to when its host has these addresses, or null when it may. Every address must pass:
    /// a name that resolves to one public and one private address would let the private one be used.
    /// </summary>
    public string? Refusal(Uri url, IReadOnlyCollection<IPAddress> addresses)
    {
        if (addresses.Count == 0) return "url host resolves to no address";
        foreach (var address in addresses)
        {
            if (AddressClassifier.IsRefused(address, options.AllowLoopback))
                return $"url host resolves to {AddressClassifier.Describe(AddressClassifier.Classify(address))}";
        }
        // Plain http is tolerated only where nothing leaves the machine.
        if (url.Scheme == Uri.UriSchemeHttp && addresses.Any(a => AddressClassifier.Classify(a) != AddressKind.Loopback))
            return "url must use https (plain http is accepted only to loopback)";
        return null;
    }

    /// <summary>Registration, after <see cref="Parse"/>: what the host resolves to now; any refusal is a 400.</summary>
    public async Task CheckAddressesForRegistrationAsync(Uri url, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            addresses = await ResolveAsync(url, timeout.Token);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw Invalid("url host could not be resolved");
        }
        if (Refusal(url, addresses) is { } refusal) throw Invalid(refusal);
    }

    /// <summary>
    /// How a webhook URL appears in logs: scheme, host and port only. Query strings and often paths carry the
    /// receiver's own tokens (e.g. <c>/services/T0/B0/XXXX</c>), which must not end up in log storage.
    /// </summary>
    public static string ForLog(Uri url) => url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    private static LedgerProblem Invalid(string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", detail, new Dictionary<string, object?> { ["field"] = "url" });
}
