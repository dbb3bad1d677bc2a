using System.ComponentModel.DataAnnotations;
using Ledger.Access;
using Ledger.AdminAudit;
using Marten;
using Wolverine;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Webhooks;

/// <summary>An https URL (http only to hosts the configuration allows) and a shared secret of 16 to 500 characters.</summary>
public sealed record SubscribeRequest(
    [property: Required, MaxLength(WebhookUrlPolicy.MaxLength)] string? Url, [property: Required, MaxLength(500)] string? Secret);

/// <param name="Paused">Registered with a token since revoked: nothing is delivered until an admin re-registers it.</param>
public sealed record SubscriptionView(Guid Id, string Url, DateTimeOffset CreatedAt, string? Owner, bool Paused);

/// <param name="AttemptInFlightSince">Set while an attempt is under way; still set when no attempt is running, the service stopped mid-attempt (the receiver may have it).</param>
public sealed record DeliveryView(Guid Id, Guid SubscriptionId, string WarningId, DeliveryStatus Status, int Attempts,
    string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? AttemptInFlightSince);

/// <summary>
/// Webhooks are owned: each principal (caseworker or admin) sees and manages the subscriptions it created and their
/// deliveries; admins see and manage all. Someone else's subscription or delivery answers 404 as if it did not exist
/// (see <see cref="WebhookAccess.MayManage"/>).
/// </summary>
public static class WebhookEndpoints
{
    [WolverinePost("/webhooks")]
    public static async Task<IResult> Subscribe(
        SubscribeRequest request, IDocumentSession session, WebhookUrlPolicy urls, WebhookSecrets secrets, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayManageWebhooks();
        var url = urls.Parse(request.Url);
        var secret = Parse.Required(request.Secret, "secret", 500);
        if (secret.Length < 16) throw LedgerProblem.BadRequest("secret must be at least 16 characters");
        await urls.CheckAddressesForRegistrationAsync(url, ct); // last: the only check that does I/O
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), url.AbsoluteUri, secrets.Protect(secret), clock.GetUtcNow(), WebhookOwner.Of(caller),
            RegisteredWith: TokenId.Of(http));
        session.Store(subscription);
        if (caller.Is(Role.Admin)) AuditTrail.Record(session, caller, AdminActs.WebhookRegistered, subscription.Id.ToString());
        return Results.Created($"/webhooks/{subscription.Id}", View(subscription));
    }

    /// <summary>Stops deliveries to a subscription; pending ones are marked failed ("subscription removed") when they run.</summary>
    [WolverineDelete("/webhooks/{id}")]
    public static async Task<IResult> Unsubscribe(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayManageWebhooks();
        var subscription = await session.LoadAsync<WebhookSubscription>(id, ct);
        if (subscription is null || !WebhookAccess.MayManage(caller, subscription.Owner?.Subject))
            throw LedgerProblem.NotFound($"webhook subscription {id} does not exist");
        session.Delete<WebhookSubscription>(id);
        if (caller.Is(Role.Admin)) AuditTrail.Record(session, caller, AdminActs.WebhookRemoved, id.ToString());
        return Results.NoContent();
    }

    /// <summary>The caller's own subscriptions (an admin's: everyone's), oldest first.</summary>
    [WolverineGet("/webhooks")]
    public static async Task<IReadOnlyList<SubscriptionView>> List(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayManageWebhooks();
        var query = session.Query<WebhookSubscription>().AsQueryable();
        var subject = caller.Subject;
        if (!caller.Is(Role.Admin)) query = query.Where(s => s.Owner!.Subject == subject);
        return (await query.OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(View).ToList();
    }

    /// <summary>Deliveries of the caller's subscriptions (an admin's: all), newest attempt first; <c>?status=failed</c> shows the ones that gave up.</summary>
    [WolverineGet("/webhooks/deliveries")]
    public static async Task<IReadOnlyList<DeliveryView>> Deliveries(string? status, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayManageWebhooks();
        var query = session.Query<WebhookDelivery>().AsQueryable();
        var subject = caller.Subject;
        if (!caller.Is(Role.Admin)) query = query.Where(d => d.OwnerSubject == subject);
        if (!string.IsNullOrEmpty(status))
        {
            var wanted = Parse.Enum<DeliveryStatus>(status, "status", null);
            query = query.Where(d => d.Status == wanted);
        }
        return (await query.OrderByDescending(d => d.LastAttemptAt).Take(500).ToListAsync(ct))
            .Select(d => new DeliveryView(d.Id, d.SubscriptionId, d.WarningId, d.Status, d.Attempts, d.LastError, d.LastAttemptAt, d.DeliveredAt, d.AttemptInFlightSince))
            .ToList();
    }

    /// <summary>Sends a delivery again (the same body, freshly signed), with a new round of retries.</summary>
    [WolverinePost("/webhooks/deliveries/{deliveryId}/replay")]
    public static async Task<IResult> Replay(Guid deliveryId, IDocumentSession session, IMessageBus bus, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayManageWebhooks();
        var delivery = await session.LoadAsync<WebhookDelivery>(deliveryId, ct);
        if (delivery is null || !WebhookAccess.MayManage(caller, delivery.OwnerSubject))
            throw LedgerProblem.NotFound($"delivery {deliveryId} does not exist");
        session.Store(delivery with { Status = DeliveryStatus.Pending, Attempts = 0, LastError = null });
        await bus.PublishAsync(new DeliverWebhook(deliveryId));
        if (caller.Is(Role.Admin)) AuditTrail.Record(session, caller, AdminActs.WebhookDeliveryReplayed, deliveryId.ToString());
        return Results.Accepted($"/webhooks/deliveries?status=pending");
    }

    internal static SubscriptionView View(WebhookSubscription s) => new(s.Id, s.Url, s.CreatedAt, s.Owner?.Subject, s.Paused);
}
