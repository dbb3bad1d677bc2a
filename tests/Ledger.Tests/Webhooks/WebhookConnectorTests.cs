using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ledger.Tests.Support;
using Ledger.Webhooks;

namespace Ledger.Tests.Webhooks;

/// <summary>
/// The connect-time guard of the webhook HTTP handler, against a real receiver on loopback: with loopback refused,
/// the receiver must hear nothing, whatever the URL looked like when it was checked.
/// </summary>
public class WebhookConnectorTests
{
    private static async Task<HttpResponseMessage> PostAsync(WebhookOptions options, string url)
    {
        using var client = new HttpClient(WebhookConnector.CreateHandler(options));
        return await client.PostAsync(url, new StringContent("{}"));
    }

    [Fact]
    public async Task Connections_to_refused_addresses_are_never_opened()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var byName = receiver.Url.Replace("127.0.0.1", "localhost");

        foreach (var url in new[] { receiver.Url, byName })
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(new WebhookOptions(), url));
            Assert.Equal("url host resolves to a loopback address", WebhookConnector.RefusalIn(error)?.Message);
        }
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Allowed_addresses_are_connected_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var response = await PostAsync(new WebhookOptions { AllowLoopback = true }, receiver.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var redirector = await Redirector.StartAsync(receiver.Url);
        using var response = await PostAsync(new WebhookOptions { AllowLoopback = true }, redirector.Url);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Empty(receiver.Received);
    }

    /// <summary>A loopback server that answers every POST with a 307 to another URL.</summary>
    private sealed class Redirector : IAsyncDisposable
    {
        private WebApplication _app = null!;
        public string Url { get; private set; } = "";

        public static async Task<Redirector> StartAsync(string target)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var redirector = new Redirector { _app = builder.Build() };
            redirector._app.MapPost("/moved", () => Results.Redirect(target, permanent: false, preserveMethod: true));
            await redirector._app.StartAsync();
            redirector.Url = redirector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/moved";
            return redirector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
