using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Ledger.Webhooks;

/// <summary>The services webhooks need: options, URL policy, the guarded HTTP client, and secrets protected with a shared key ring.</summary>
public static class WebhookSetup
{
    public static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddSingleton(options);
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddHttpClient(DeliverWebhookHandler.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookConnector.CreateHandler(options))
            // The factory's own request logs name the full URL, whose path may hold the receiver's token; the
            // delivery handler logs failures with the origin only.
            .RemoveAllLoggers();

        // One application name and one key ring in PostgreSQL: every instance derives the same keys, so a secret
        // protected by one instance is readable by all, and by the next start.
        services.AddDataProtection().SetApplicationName("ledger");
        services.ConfigureMarten(opts => opts.Schema.For<DataProtectionKeyXml>());
        services.AddOptions<KeyManagementOptions>()
            .Configure<IDocumentStore>((keys, store) => keys.XmlRepository = new MartenKeyRing(store));
        services.AddSingleton<WebhookSecrets>();
    }
}
