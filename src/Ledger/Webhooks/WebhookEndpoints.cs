using Ledger.Access;
using Ledger.Hosting;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Webhooks;

public sealed record SubscribeRequest(string? Url, string? Secret);

public sealed record SubscriptionView(Guid Id, string Url, DateTimeOffset CreatedAt);

public sealed record DeliveryView(Guid Id, Guid SubscriptionId, string WarningId, DeliveryStatus Status, int Attempts,
    string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

public static class WebhookEndpoints
{
    [WolverinePost("/webhooks")]
    public static IResult Subscribe(SubscribeRequest request, IDocumentSession session, TimeProvider clock, HttpContext http)
    {
        Caller.Of(http).MayManageWebhooks();
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw LedgerProblem.BadRequest($"url '{request.Url}' is not an absolute http(s) URL");
        var secret = Parse.Required(request.Secret, "secret", 500);
        if (secret.Length < 16) throw LedgerProblem.BadRequest("secret must be at least 16 characters");
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), url.ToString(), secret, clock.GetUtcNow());
        session.Store(subscription);
        return Results.Created($"/webhooks/{subscription.Id}", new SubscriptionView(subscription.Id, subscription.Url, subscription.CreatedAt));
    }

    /// <summary>Stops deliveries to a subscription; pending ones are marked failed ("subscription removed") when they run.</summary>
    [WolverineDelete("/webhooks/{id}")]
    public static async Task<IResult> Unsubscribe(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayManageWebhooks();
        if (await session.LoadAsync<WebhookSubscription>(id, ct) is null) throw LedgerProblem.NotFound($"webhook subscription {id} does not exist");
        session.Delete<WebhookSubscription>(id);
        return Results.NoContent();
    }

    [WolverineGet("/webhooks")]
    public static async Task<IReadOnlyList<SubscriptionView>> List(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayManageWebhooks();
        return (await session.Query<WebhookSubscription>().OrderBy(s => s.CreatedAt).ToListAsync(ct))
        .Select(s => new SubscriptionView(s.Id, s.Url, s.CreatedAt)).ToList();
    }

    /// <summary>Deliveries, newest attempt first; <c>?status=failed</c> shows the ones that gave up.</summary>
    [WolverineGet("/webhooks/deliveries")]
    public static async Task<IReadOnlyList<DeliveryView>> Deliveries(string? status, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayManageWebhooks();
        var query = session.Query<WebhookDelivery>().AsQueryable();
        if (!string.IsNullOrEmpty(status))
        {
            var wanted = Parse.Enum<DeliveryStatus>(status, "status", null);
            query = query.Where(d => d.Status == wanted);
        }
        return (await query.OrderByDescending(d => d.LastAttemptAt).Take(500).ToListAsync(ct))
            .Select(d => new DeliveryView(d.Id, d.SubscriptionId, d.WarningId, d.Status, d.Attempts, d.LastError, d.LastAttemptAt, d.DeliveredAt))
            .ToList();
    }

    /// <summary>Sends a delivery again (the same body, freshly signed), with a new round of retries.</summary>
    [WolverinePost("/webhooks/deliveries/{deliveryId}/replay")]
    public static async Task<IResult> Replay(Guid deliveryId, IDocumentSession session, IMessageBus bus, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayManageWebhooks();
        var delivery = await session.LoadAsync<WebhookDelivery>(deliveryId, ct)
            ?? throw LedgerProblem.NotFound($"delivery {deliveryId} does not exist");
        session.Store(delivery with { Status = DeliveryStatus.Pending, Attempts = 0, LastError = null });
        await bus.PublishAsync(new DeliverWebhook(deliveryId));
        return Results.Accepted($"/webhooks/deliveries?status=pending");
    }
}
