using System.Net;
using System.Text.Json;
using Ledger.Projections.Plans;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Ledger.Tests.Warnings;
using Marten;
using Npgsql;

namespace Ledger.Tests.Plans;

/// <summary>Stored plans: recorded apart from crossings, listed with their answer, and warned about when the record breaks them.</summary>
public class PlanTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    private string InDays(int days) => app.DaysAgo(-days);

    private object SpainPlan(string planId = "summer") =>
        new { planId, legs = new[] { new { country = "ES", from = InDays(10), to = InDays(19) } }, note = "beach" };

    /// <summary>The traveller's feed once it shows every warning of the stream (the feed is filled asynchronously).</summary>
    private async Task<List<JsonElement>> AlertsOf(Guid traveller)
    {
        var issued = (await app.EventsOfAsync(traveller)).OfType<WarningIssued>().Count();
        return await app.AlertsOfAsync(traveller, issued);
    }

    private static bool IsPlanWarning(JsonElement alert) =>
        alert.GetProperty("warning").GetProperty("threshold").GetString() == PlanRules.PlanNoLongerLawful;

    [Fact]
    public async Task A_crossing_that_breaks_a_stored_plan_raises_one_warning_in_the_stream_the_feed_and_the_webhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await app.PostAsync("/webhooks", new { url = receiver.Url, secret = "plan-secret-0123456789" })).EnsureSuccessStatusCode();
        var id = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/plans", SpainPlan())).StatusCode);
        Assert.Empty((await app.EventsOfAsync(id)).OfType<WarningIssued>()); // a lawful plan says nothing

        // An entry 85 days ago, still inside: by the plan's first day the 90 days are gone.
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(85))).EnsureSuccessStatusCode();
        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>(), w => w.Threshold == PlanRules.PlanNoLongerLawful);
        Assert.Equal("summer", warning.Facts.PlanId);
        Assert.Equal("ES", warning.Facts.StayEntryCountry);
        Assert.Equal("schengen", warning.Regime);

        // The exit that follows changes the count but not the answer: nothing more for this plan.
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(0))).EnsureSuccessStatusCode();
        Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>(), w => w.Threshold == PlanRules.PlanNoLongerLawful);

        var alert = Assert.Single(await AlertsOf(id), IsPlanWarning);
        Assert.Equal(warning.WarningId, alert.GetProperty("id").GetString());
        await Eventually.HoldsAsync(async () =>
        {
            await Task.Yield();
            return receiver.Received.Any(r => r.Body.Contains(warning.WarningId));
        }, "the plan's warning delivered");
        Assert.Single(receiver.Received, r => r.Body.Contains(warning.WarningId));

        // The list shows the plan as it now stands.
        var plans = await app.GetJsonAsync($"/travellers/{id}/plans");
        var plan = Assert.Single(plans.GetProperty("plans").EnumerateArray());
        Assert.False(plan.GetProperty("lawful").GetBoolean());
        // 86 days used (entry 85 days ago to today): four planned days remain lawful.
        Assert.Equal(InDays(14), plan.GetProperty("check").GetProperty("legs")[0].GetProperty("firstUnlawfulDay").GetString());
    }

    [Fact]
    public async Task A_cancelled_plan_raises_nothing()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.PostAsync($"/travellers/{id}/plans", SpainPlan())).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/plans/summer/cancellation", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/travellers/{id}/plans/summer/cancellation", new { })).StatusCode);

        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(85))).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await app.EventsOfAsync(id)).OfType<WarningIssued>(), w => w.Threshold == PlanRules.PlanNoLongerLawful);
        Assert.DoesNotContain(await AlertsOf(id), IsPlanWarning);

        var plan = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans").EnumerateArray());
        Assert.True(plan.GetProperty("cancelled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("check").ValueKind);
    }

    [Fact]
    public async Task A_plan_is_its_own_events_its_id_an_idempotency_key_and_never_a_crossing()
    {
        var id = await app.RegisterTravellerAsync("US");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/plans", SpainPlan())).StatusCode);
        var version = await app.StreamVersionAsync(id);
        var again = await app.PostAsync($"/travellers/{id}/plans", SpainPlan());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(version, await app.StreamVersionAsync(id));
        var conflict = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/plans",
            new { planId = "summer", legs = new[] { new { country = "ES", from = InDays(10), to = InDays(20) } }, note = "beach" }), HttpStatusCode.Conflict);
        Assert.Contains("legs", conflict.GetProperty("detail").GetString());
        Assert.Equal(version, await app.StreamVersionAsync(id));

        Assert.Single((await app.EventsOfAsync(id)).OfType<PlanRecorded>());
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/crossings")).GetProperty("crossings").EnumerateArray());
        Assert.Equal(0, await app.SchengenDaysUsedAsync(id, InDays(15)));
        var plan = Assert.Single((await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans").EnumerateArray());
        Assert.True(plan.GetProperty("lawful").GetBoolean());
        Assert.Equal("beach", plan.GetProperty("note").GetString());
        Assert.Equal("schengen", plan.GetProperty("check").GetProperty("legs")[0].GetProperty("rules")[0].GetString());
    }

    [Fact]
    public async Task A_snapshot_written_before_plans_existed_is_upgraded_with_none_and_takes_a_plan()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(20))).EnsureSuccessStatusCode();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var strip = new NpgsqlCommand("update ledger.mt_doc_traveller set data = data - 'plans' - 'Plans' where id = @id", connection);
            strip.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await strip.ExecuteNonQueryAsync());
        }
        // What start-up does before the service listens: snapshots of an older shape are rebuilt from their events.
        Assert.True(await Ledger.Travellers.SnapshotUpgrade.RunAsync(app.Store, CancellationToken.None) >= 1);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans").EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/plans", SpainPlan())).StatusCode);
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(1))).EnsureSuccessStatusCode();
        Assert.True(Assert.Single((await app.GetJsonAsync($"/travellers/{id}/plans")).GetProperty("plans").EnumerateArray()).GetProperty("lawful").GetBoolean());
    }

    [Fact]
    public async Task Bad_plans_are_problems_by_field_and_record_nothing()
    {
        var id = await app.RegisterTravellerAsync("US");
        var version = await app.StreamVersionAsync(id);
        var problem = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/plans", new
        {
            planId = "p", legs = new[] { new { country = "XX", from = InDays(10), to = InDays(5) } },
        }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("legs[0].country", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("legs[0].to", out _));
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/plans", new { planId = "p", legs = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/plans", new { legs = new[] { new { country = "ES", from = InDays(1), to = InDays(2) } } }), HttpStatusCode.BadRequest);
        var farAhead = await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/plans",
            new { planId = "p", legs = new[] { new { country = "ES", from = InDays(1), to = InDays(366 * 11) } } }), HttpStatusCode.BadRequest);
        Assert.True(farAhead.GetProperty("errors").TryGetProperty("legs[0].to", out _));
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{id}/plans/none/cancellation", new { }), HttpStatusCode.NotFound);
        Assert.Equal(version, await app.StreamVersionAsync(id));
    }
}
