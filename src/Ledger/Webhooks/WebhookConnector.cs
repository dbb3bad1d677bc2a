using System.Net;
using System.Net.Sockets;

namespace Ledger.Webhooks;

/// <summary>A webhook was not sent because its host resolved to an address webhooks may not reach.</summary>
public sealed class RefusedDestinationException(string message) : Exception(message);

/// <summary>
/// The HTTP handler webhooks are sent with. Its connect step resolves the host itself, checks every address, and
/// connects only to addresses it checked: a name that changes its answer between the delivery's own check and the
/// connection (DNS rebinding) still cannot reach a private address. Redirects are not followed (a 3xx is a failed
/// attempt), since a redirect could name any host; no proxy is used, since the check must apply to the receiver itself.
/// </summary>
public static class WebhookConnector
{
    public static SocketsHttpHandler CreateHandler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        // Re-resolve names now and then, so a pooled connection does not outlive a DNS change by long.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, options.AllowLoopback, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowLoopback, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        if (addresses.Length == 0) throw new RefusedDestinationException("url host resolves to no address");
        if (addresses.FirstOrDefault(a => AddressClassifier.IsRefused(a, allowLoopback)) is { } refused)
            throw new RefusedDestinationException($"url host resolves to {AddressClassifier.Describe(AddressClassifier.Classify(refused))}");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The refusal inside what <see cref="HttpClient"/> threw, if that is why the request failed.</summary>
    public static RefusedDestinationException? RefusalIn(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is RefusedDestinationException refused) return refused;
        return null;
    }
}
