using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Ledger.Tests.Webhooks;

namespace Ledger.Tests.Operations;

/// <summary>
/// The warnings fixture, without the error logs of the failures these tests provoke on purpose (Wolverine logs each
/// with its stack trace; passing tests print none).
/// </summary>
public sealed class DeadLetterApp : LedgerApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ledger:Webhooks:Backoff:0"] = "00:00:00.100",
        ["Ledger:Webhooks:Timeout"] = "00:00:05",
    };

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Wolverine.Runtime.WolverineRuntime", LogLevel.None);
        builder.Logging.AddFilter(typeof(WarningIssued).FullName, LogLevel.None);
    }
}

/// <summary>
/// A message that fails for a reason retrying cannot fix lands in the dead letters, where an admin sees what failed
/// (never the message body) and, once the cause is removed, replays it: one by id, or all of a type.
/// </summary>
[Collection(AloneWithItsMeters.Name)]
public class DeadLetterTests(DeadLetterApp app) : IClassFixture<DeadLetterApp>
{
    private static readonly string WarningType = typeof(WarningIssued).FullName!;

    [Fact]
    public async Task Fan_outs_that_failed_for_good_are_listed_and_once_the_cause_is_removed_replayed_and_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = app.ClientAs([Role.Admin], subject: "admin-dead-letters");
        await admin.SubscribeAsync(receiver.Url);
        await using var faults = new MessageFaults(app.ConnectionString);

        // The cause: the subscriptions table is gone (undefined table, 42P01), so every fan-out fails the same way.
        await faults.RenameAsync(MessageFaults.Subscriptions, "mt_doc_webhooksubscription_away");
        var (_, inFrance) = await app.WarningInAsync("FR");
        var (_, inGermany) = await app.WarningInAsync("DE");
        JsonElement page = default;
        await Eventually.HoldsAsync(async () => (page = await app.GetJsonAsync("/admin/dead-letters")).GetProperty("total").GetInt32() == 2,
            "both fan-outs to be dead-lettered");

        var listed = page.GetProperty("deadLetters").EnumerateArray().ToList();
        Assert.All(listed, d =>
        {
            Assert.Equal(WarningType, d.GetProperty("messageType").GetString());
            Assert.Contains("Exception", d.GetProperty("exceptionType").GetString());
            Assert.False(string.IsNullOrEmpty(d.GetProperty("exceptionMessage").GetString()));
            Assert.False(d.TryGetProperty("message", out _));
            Assert.False(d.TryGetProperty("body", out _));
        });
        Assert.DoesNotContain(inFrance, page.GetRawText()); // the warning itself (and its traveller) is not shown
        var metrics = await Scrape.FromAsync(app.Anonymous());
        Assert.Equal(2, metrics.Value("ledger_dead_letters", ("message_type", WarningType)));
        Assert.Empty(receiver.Ids);

        await faults.RenameAsync("ledger.mt_doc_webhooksubscription_away", "mt_doc_webhooksubscription");
        var one = listed[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/admin/dead-letters/{one}/replay", null)).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Ids.Count == 1), "the replayed fan-out to deliver its warning");
        var all = await admin.PostAsync($"/admin/dead-letters/replay?messageType={WarningType}", null);
        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);
        Assert.Equal(1, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());

        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Ids.Count == 2), "the other warning to be delivered");
        Assert.Equal(new[] { inFrance, inGermany }.Order(), receiver.Ids.Select(i => i.WarningId).Order());
        await Eventually.HoldsAsync(async () => (await app.GetJsonAsync("/admin/dead-letters")).GetProperty("total").GetInt32() == 0,
            "replayed messages to leave the dead letters");
    }

    [Fact]
    public async Task Replaying_an_unknown_dead_letter_is_404_and_replaying_all_needs_a_message_type()
    {
        using var admin = app.ClientAs([Role.Admin]);
        await Problem.AssertAsync(await admin.PostAsync($"/admin/dead-letters/{Guid.NewGuid()}/replay", null), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await admin.PostAsync("/admin/dead-letters/replay", null), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await admin.GetAsync("/admin/dead-letters?pageSize=100000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_admins_see_or_replay_dead_letters()
    {
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Admin))
        {
            using var client = app.ClientAs([role], ["FR"]);
            await Problem.AssertAsync(await client.GetAsync("/admin/dead-letters"), HttpStatusCode.Forbidden);
            await Problem.AssertAsync(await client.PostAsync($"/admin/dead-letters/{Guid.NewGuid()}/replay", null), HttpStatusCode.Forbidden);
        }
        await Problem.AssertAsync(await app.Anonymous().GetAsync("/admin/dead-letters"), HttpStatusCode.Unauthorized);
    }
}
