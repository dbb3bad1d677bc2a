using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Ledger.Warnings;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Persistence.Durability;
using Ledger.Writing;

namespace Ledger.Tests.Warnings;

public class OverstayWarningTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    private async Task<IReadOnlyList<WarningIssued>> WarningsOf(Guid traveller)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(traveller)).Select(e => e.Data).OfType<WarningIssued>().ToList();
    }

    private Task CheckNowAsync(Guid traveller) =>
        app.Services.GetRequiredService<IMessageBus>().InvokeAsync(new CheckWarnings(traveller, Recording.System("test")));

    /// <summary>Inside since <paramref name="daysAgo"/> days: days used today = daysAgo + 1.</summary>
    private async Task<Guid> InsideSinceAsync(int daysAgo, string nationality = "US")
    {
        var id = await app.RegisterTravellerAsync(nationality);
        (await app.RecordCrossingAsync(id, $"in-{daysAgo}", "entry", "FR", app.DaysAgo(daysAgo))).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task An_entry_that_reaches_a_threshold_issues_the_warning_with_its_facts()
    {
        var id = await InsideSinceAsync(80); // 81 days used, last lawful day in 9 days: past "15 days left", before "5 days left"
        var warning = Assert.Single(await WarningsOf(id));
        Assert.Equal("15-days-left", warning.Threshold);
        Assert.Equal("schengen", warning.Regime);
        Assert.Equal(81, warning.DaysUsed);
        Assert.Equal(9, warning.DaysRemaining);
        Assert.Equal(app.DaysAgo(-9), warning.LastLawfulDay?.ToString("yyyy-MM-dd"));
        Assert.Equal("in-80", warning.Facts.StayEntryCrossingId);
    }

    private async Task<List<DateTimeOffset>> ScheduledChecksAsync() =>
        (await app.Services.GetRequiredService<IMessageStore>().Admin.AllIncomingAsync())
            .Where(e => e.Status == EnvelopeStatus.Scheduled && e.MessageType!.Contains("CheckWarnings"))
            .Select(e => e.ScheduledTime!.Value).ToList();

    /// <summary>Due at 00:00 UTC of the day <paramref name="days"/> ahead, measured on the service clock; converted here to real time.</summary>
    private bool IsScheduledIn(IEnumerable<DateTimeOffset> scheduled, int days)
    {
        var now = app.Clock.GetUtcNow();
        var midnight = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return scheduled.Any(t => Math.Abs((t - (DateTimeOffset.UtcNow + (midnight - now))).TotalSeconds) < 60);
    }

    private Task SweepAsync() => app.Services.GetRequiredService<WarningCheckSweep>().SweepAsync(CancellationToken.None);

    /// <summary>The traveller's row in <see cref="LaterChecks"/>: the check still owed, and whether its message was sent.</summary>
    private async Task<(string Due, bool Scheduled)?> OwedAsync(Guid traveller)
    {
        await using var session = app.Store.QuerySession();
        var rows = await session.QueryAsync<string>($"SELECT due::text || ' ' || scheduled::text FROM {LaterChecks.Name} WHERE traveller_id = ?", traveller);
        return rows.SingleOrDefault() is { } row ? (row.Split(' ')[0], row.Split(' ')[1] == "true") : null;
    }

    [Fact]
    public async Task A_check_due_tomorrow_is_scheduled_durably_with_the_write()
    {
        var before = await ScheduledChecksAsync();
        var id = await InsideSinceAsync(83); // 84 used, 6 days left: "5 days left" is reached tomorrow
        var added = (await ScheduledChecksAsync()).Except(before).ToList();
        Assert.True(IsScheduledIn(added, 1), "the check for '5 days left' is scheduled for 00:00 tomorrow");
        // And owed until it has run, so a lost message is still caught up.
        Assert.Equal((app.DaysAgo(-1), true), await OwedAsync(id));
    }

    [Fact]
    public async Task A_later_check_waits_in_its_table_until_the_sweep_the_day_before_schedules_it()
    {
        var id = await InsideSinceAsync(80); // "5 days left" is reached in 4 days
        var dueOn = app.DaysAgo(-4);
        Assert.Equal((dueOn, false), await OwedAsync(id));

        // Two days before: the sweep leaves it (and the other tests' rows due later) as it is.
        app.Clock.Advance(TimeSpan.FromDays(2));
        var before = await ScheduledChecksAsync();
        await SweepAsync();
        Assert.Equal((dueOn, false), await OwedAsync(id));

        // The day before: scheduled for 00:00 of its day and marked so, in one transaction; still owed until it runs.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();
        Assert.Equal((dueOn, true), await OwedAsync(id));
        var scheduled = (await ScheduledChecksAsync()).Except(before).ToList();
        Assert.True(IsScheduledIn(scheduled, 1), "the check is scheduled for 00:00 of its day");
        // A second sweep sends no second message for it.
        await SweepAsync();
        Assert.Equal(scheduled.Count, (await ScheduledChecksAsync()).Except(before).Count());

        // When it runs on its day, it issues the warning and keeps the check for the next threshold ("0 days left").
        app.Clock.Advance(TimeSpan.FromDays(1));
        await CheckNowAsync(id);
        Assert.Equal("5-days-left", (await WarningsOf(id)).Last().Threshold);
        Assert.Equal((app.DaysAgo(-5), false), await OwedAsync(id));
    }

    [Fact]
    public async Task A_check_whose_message_never_runs_is_run_by_the_catch_up_once_it_is_owed_long_enough()
    {
        var catchUp = app.Services.GetRequiredService<WarningCheckCatchUp>();
        var options = app.Services.GetRequiredService<WarningOptions>();
        var id = await InsideSinceAsync(83); // "5 days left" is reached tomorrow: scheduled, and owed
        Assert.Equal((app.DaysAgo(-1), true), await OwedAsync(id));

        // Just after midnight (service clock) its message would run; here it never does, as on a node that died with
        // it. Within the grace the catch-up leaves it to the message.
        var now = app.Clock.GetUtcNow();
        var midnight = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        app.Clock.SetUtcNow(midnight + options.CatchUpAfter - TimeSpan.FromSeconds(1));
        await catchUp.CatchUpAsync(CancellationToken.None);
        Assert.DoesNotContain(await WarningsOf(id), w => w.Threshold == "5-days-left");

        // Past the grace: the catch-up finds it owed, runs it, and the row moves to the next threshold's day.
        app.Clock.SetUtcNow(midnight + options.CatchUpAfter + TimeSpan.FromSeconds(1));
        await catchUp.CatchUpAsync(CancellationToken.None);
        Assert.Equal("5-days-left", (await WarningsOf(id)).Last().Threshold);
        Assert.Equal((app.DaysAgo(-5), false), await OwedAsync(id));

        // The late message, or another node's catch-up, running it again issues nothing twice.
        await CheckNowAsync(id);
        await catchUp.CatchUpAsync(CancellationToken.None);
        Assert.Single(await WarningsOf(id), w => w.Threshold == "5-days-left");
    }

    [Fact]
    public async Task A_check_of_a_traveller_with_no_stream_still_pays_what_was_owed()
    {
        var unknown = Guid.CreateVersion7();
        await using (var session = app.Store.LightweightSession())
        {
            LaterChecks.Keep(session, unknown, new PendingCheck(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), Scheduled: true));
            await session.SaveChangesAsync();
        }
        await CheckNowAsync(unknown);
        Assert.Null(await OwedAsync(unknown)); // else the catch-up would run it every round
    }

    [Fact]
    public async Task A_later_write_moves_the_check_and_an_overdue_one_runs_at_once_after_downtime()
    {
        var id = await InsideSinceAsync(60); // 61 used: "15 days left" in 14 days
        Assert.Equal(app.DaysAgo(-14), await app.LaterCheckOfAsync(id));
        // A 10-day stay recorded late: 71 used, so "15 days left" comes 10 days sooner, and the row moves to that day.
        (await app.Http.PostAsJsonAsync($"/travellers/{id}/crossings/batch", new
        {
            crossings = new[]
            {
                new { crossingId = "early-in", direction = "entry", country = "DE", date = app.DaysAgo(100) },
                new { crossingId = "early-out", direction = "exit", country = "DE", date = app.DaysAgo(91) },
            },
        })).EnsureSuccessStatusCode();
        Assert.Equal(app.DaysAgo(-4), await app.LaterCheckOfAsync(id));

        // No sweep ran for a week (the service was down): the overdue row is scheduled to run now, and the check
        // issues the warning (78 used, 12 left) without anyone asking, then owes the next one ("5 days left" in 7 days).
        app.Clock.Advance(TimeSpan.FromDays(7));
        await SweepAsync();
        await Eventually.HoldsAsync(async () => (await WarningsOf(id)).Any(w => w.Threshold == "15-days-left"), "the overdue check's warning");
        Assert.Equal(78, (await WarningsOf(id)).Single().DaysUsed);
        await Eventually.HoldsAsync(async () => await OwedAsync(id) == (app.DaysAgo(-7), false), "the next check owed");
    }

    [Fact]
    public async Task Nodes_sweeping_at_the_same_moment_schedule_each_due_row_once()
    {
        var tomorrow = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var travellers = Enumerable.Range(0, 300).Select(_ => Guid.CreateVersion7()).ToList();
        await SweepAsync(); // the other tests' rows that are due by now
        await using (var session = app.Store.LightweightSession())
        {
            LaterChecks.Keep(session, travellers.Select(t => (t, new PendingCheck(tomorrow, Scheduled: false))).ToList());
            await session.SaveChangesAsync();
        }
        var before = (await ScheduledChecksAsync()).Count;
        // Three sweeps at once, as three nodes' timers may fire together: each row is taken by exactly one of them.
        await Task.WhenAll(SweepAsync(), SweepAsync(), SweepAsync());
        Assert.Equal(travellers.Count, (await ScheduledChecksAsync()).Count - before);
        Assert.All(travellers, t => Assert.Equal((tomorrow.ToString("yyyy-MM-dd"), true), OwedAsync(t).GetAwaiter().GetResult()));
    }

    [Fact]
    public async Task A_row_keeps_the_earliest_day_so_a_check_decided_on_an_older_history_cannot_hide_a_newer_one()
    {
        var id = await InsideSinceAsync(70); // "15 days left" in 4 days
        // A check that read the stream before that write, committing after it with the day its older history gave.
        await using (var session = app.Store.LightweightSession())
        {
            LaterChecks.Keep(session, id, new PendingCheck(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(30), Scheduled: false));
            await session.SaveChangesAsync();
        }
        Assert.Equal(app.DaysAgo(-4), await app.LaterCheckOfAsync(id));
    }

    [Fact]
    public async Task A_check_issues_a_warning_on_the_day_its_threshold_is_reached_and_not_before()
    {
        var id = await InsideSinceAsync(70); // 71 used: 19 days left; "15 days left" is due in 4 days
        Assert.Empty(await WarningsOf(id));

        // The fake clock only moves forward; tests in a class run one after another and work relative to it.
        app.Clock.Advance(TimeSpan.FromDays(3));
        await CheckNowAsync(id);
        Assert.Empty(await WarningsOf(id));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await CheckNowAsync(id);
        Assert.Equal("15-days-left", Assert.Single(await WarningsOf(id)).Threshold);
    }

    [Fact]
    public async Task No_warning_after_the_traveller_has_left()
    {
        var id = await InsideSinceAsync(70);
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(1))).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(30));
        await CheckNowAsync(id);
        Assert.Empty(await WarningsOf(id));
    }

    [Fact]
    public async Task Racing_and_redelivered_checks_issue_a_warning_once()
    {
        var id = await InsideSinceAsync(70);
        app.Clock.Advance(TimeSpan.FromDays(4));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CheckNowAsync(id)));
        await CheckNowAsync(id);
        Assert.Single(await WarningsOf(id));
    }

    [Fact]
    public async Task Warnings_are_delivered_to_webhooks_signed_and_appear_in_the_feed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        const string secret = "a-very-secret-secret";
        (await app.PostAsync("/webhooks", new { url = receiver.Url, secret })).EnsureSuccessStatusCode();

        var id = await InsideSinceAsync(86); // 87 used: "15 days left" and "5 days left" both passed; only the more severe is issued
        await Eventually.HoldsAsync(async () =>
        {
            await Task.Yield();
            return receiver.Received.Count(r => r.Body.Contains(id.ToString())) == 1;
        }, "one signed delivery");
        var (body, signature) = receiver.Received.Single(r => r.Body.Contains(id.ToString()));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(expected, signature);
        Assert.Equal("5-days-left", JsonDocument.Parse(body).RootElement.GetProperty("threshold").GetString());
        Assert.Equal("warningIssued", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());

        await Eventually.HoldsAsync(async () =>
            (await app.GetJsonAsync($"/alerts?traveller={id}")).GetProperty("alerts").GetArrayLength() == 1, "the alert in the feed");
        var page = await app.GetJsonAsync($"/alerts?traveller={id}");
        var alert = Assert.Single(page.GetProperty("alerts").EnumerateArray());
        Assert.Equal("warningIssued", alert.GetProperty("type").GetString());
        var next = page.GetProperty("next").GetInt64();
        Assert.Equal(alert.GetProperty("cursor").GetInt64(), next);
        Assert.Empty((await app.GetJsonAsync($"/alerts?traveller={id}&after={next}")).GetProperty("alerts").EnumerateArray());
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_then_visible_and_replayable()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscribed = await app.PostAsync("/webhooks", new { url = receiver.Url, secret = "another-secret-0123" });
        var subscription = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        receiver.FailNext(1000); // every attempt fails: first try + 2 retries, then give up
        var id = await InsideSinceAsync(80);
        var warningId = Assert.Single(await WarningsOf(id)).WarningId;

        async Task<JsonElement?> DeliveryAsync(string status) =>
            (await app.GetJsonAsync($"/webhooks/deliveries?status={status}")).EnumerateArray()
            .Cast<JsonElement?>().FirstOrDefault(d =>
                d!.Value.GetProperty("warningId").GetString() == warningId && d.Value.GetProperty("subscriptionId").GetGuid() == subscription);

        await Eventually.HoldsAsync(async () => await DeliveryAsync("failed") is not null, "the delivery to give up");
        var failed = (await DeliveryAsync("failed"))!.Value;
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500", failed.GetProperty("lastError").GetString());

        receiver.FailNext(0);
        (await app.Http.PostAsync($"/webhooks/deliveries/{failed.GetProperty("id").GetGuid()}/replay", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => await DeliveryAsync("delivered") is not null, "the replayed delivery to succeed");
        Assert.Single(receiver.Received, r => r.Body.Contains(warningId));
    }

    [Fact]
    public async Task A_removed_subscription_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscribed = await app.PostAsync("/webhooks", new { url = receiver.Url, secret = "removal-secret-0123" });
        var subscription = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/webhooks/{subscription}")).StatusCode);
        Assert.DoesNotContain((await app.GetJsonAsync("/webhooks")).EnumerateArray(), s => s.GetProperty("id").GetGuid() == subscription);

        var id = await InsideSinceAsync(80);
        Assert.Single(await WarningsOf(id));
        await Eventually.HoldsAsync(async () =>
            (await app.GetJsonAsync($"/alerts?traveller={id}")).GetProperty("alerts").GetArrayLength() == 1, "the warning in the feed");
        Assert.Empty(receiver.Received);
        await Problem.AssertAsync(await app.Http.DeleteAsync($"/webhooks/{subscription}"), System.Net.HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "url": "ftp://example.org/x", "secret": "0123456789abcdef" }""")]
    [InlineData("""{ "url": "http://127.0.0.1:9/x", "secret": "short" }""")]
    public async Task Bad_subscriptions_are_400(string json)
    {
        var response = await app.Http.PostAsync("/webhooks", new StringContent(json, Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(response, System.Net.HttpStatusCode.BadRequest);
    }
}
