using System.Globalization;
using System.Text.Json;
using Ledger.Projections.Incidents;
using Ledger.Projections.Plans;
using Ledger.Projections.StayRules;
using Ledger.Projections.Warnings;
using Ledger.Tests.Support;
using Ledger.Warnings;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Ledger.Writing;

namespace Ledger.Tests.Warnings;

/// <summary>The per-visit rules raise warnings and overstay incidents through the same pipeline as the rolling regimes.</summary>
public class VisitWarningTests(WarningsApp app) : IClassFixture<WarningsApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_uk_visit_near_its_end_warns_in_the_stream_the_feed_and_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await app.PostAsync("/webhooks", new { url = receiver.Url, secret = "visit-secret-0123456789" })).EnsureSuccessStatusCode();

        var id = await app.RegisterTravellerAsync("US");
        // Six months from this entry end in 6 to 14 days (month lengths vary): past "15 days left", before "5 days left".
        var entry = Today.AddMonths(-6).AddDays(10);
        var last = RuleSet.Default.VisitRules.Single(r => r.Id == "uk-visitor").DefaultLastDay(entry);
        (await app.RecordCrossingAsync(id, "gb-in", "entry", "GB", Iso(entry))).EnsureSuccessStatusCode();

        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
        Assert.Equal(("uk-visitor", "15-days-left", last), (warning.Regime, warning.Threshold, warning.LastLawfulDay));
        Assert.Equal($"{id:N}:gb-in:uk-visitor:15-days-left", warning.WarningId);
        Assert.Equal(("gb-in", "GB"), (warning.Facts.StayEntryCrossingId, warning.Facts.StayEntryCountry));
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());

        await Eventually.HoldsAsync(async () =>
        {
            await Task.Yield();
            return receiver.Received.Count(r => r.Body.Contains(id.ToString())) == 1;
        }, "one signed delivery");
        var body = JsonDocument.Parse(receiver.Received.Single(r => r.Body.Contains(id.ToString())).Body).RootElement;
        Assert.Equal(("warningIssued", "uk-visitor", "15-days-left"),
            (body.GetProperty("type").GetString(), body.GetProperty("regime").GetString(), body.GetProperty("threshold").GetString()));
        var alert = Assert.Single(await app.AlertsOfAsync(id, 1));
        Assert.Equal(warning.WarningId, alert.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_stay_past_the_canadian_officers_date_is_an_overstay_and_voiding_the_entry_takes_it_back()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.PostAsync($"/travellers/{id}/crossings", new
        {
            crossingId = "ca-in", direction = "entry", country = "CA", date = app.DaysAgo(20), admittedUntil = app.DaysAgo(3),
        })).EnsureSuccessStatusCode();

        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
        Assert.Equal(("canada-visitor", "overstay-started"), (warning.Regime, warning.Threshold)); // the most severe only
        var incident = Assert.Single((await app.EventsOfAsync(id)).OfType<IncidentRecorded>());
        Assert.Equal(OverstayDetection.IncidentIdFor("canada-visitor", Today.AddDays(-2)), incident.IncidentId);
        Assert.Equal(("CA", IncidentCategory.Overstay), (incident.Jurisdiction, incident.Category));
        Assert.Single((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());

        // A later write finds the same overstay: nothing new.
        (await app.RecordCrossingAsync(id, "fr-in", "entry", "FR", app.DaysAgo(40))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "fr-out", "exit", "FR", app.DaysAgo(30))).EnsureSuccessStatusCode();
        Assert.Single((await app.EventsOfAsync(id)).OfType<IncidentRecorded>());
        Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());

        (await app.PostAsync($"/travellers/{id}/crossings/ca-in/corrections", new { action = "void", reason = "wrong traveller" })).EnsureSuccessStatusCode();
        var withdrawn = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningWithdrawn>());
        Assert.Equal(warning.WarningId, withdrawn.WarningId);
        Assert.Empty((await app.GetJsonAsync($"/travellers/{id}/incidents")).EnumerateArray());
        var alerts = await app.AlertsOfAsync(id, 2);
        Assert.Equal(["warningIssued", "warningWithdrawn"], alerts.Select(a => a.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_vwp_stay_is_checked_again_on_the_day_its_threshold_is_reached()
    {
        var id = await app.RegisterTravellerAsync("GB");
        // 90 days from an entry 70 days ago: 19 days left, "15 days left" due in 4 days.
        (await app.RecordCrossingAsync(id, "us-in", "entry", "US", app.DaysAgo(70))).EnsureSuccessStatusCode();
        Assert.Empty((await app.EventsOfAsync(id)).OfType<WarningIssued>());

        app.Clock.Advance(TimeSpan.FromDays(4));
        await app.Services.GetRequiredService<IMessageBus>().InvokeAsync(new CheckWarnings(id, Recording.System("test")));
        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>());
        Assert.Equal(("us-vwp", "15-days-left", Today.AddDays(15)), (warning.Regime, warning.Threshold, warning.LastLawfulDay));
    }

    [Fact]
    public async Task Cancelling_a_plan_withdraws_its_planNoLongerLawful_warning_through_the_feed()
    {
        var id = await app.RegisterTravellerAsync("US");
        (await app.PostAsync($"/travellers/{id}/plans", new
        {
            planId = "summer", legs = new[] { new { country = "ES", from = app.DaysAgo(-10), to = app.DaysAgo(-19) } },
        })).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(85))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(id, "out", "exit", "FR", app.DaysAgo(0))).EnsureSuccessStatusCode();
        var warning = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningIssued>(), w => w.Threshold == PlanRules.PlanNoLongerLawful);

        (await app.Http.PostAsync($"/travellers/{id}/plans/summer/cancellation", null)).EnsureSuccessStatusCode();
        var withdrawn = Assert.Single((await app.EventsOfAsync(id)).OfType<WarningWithdrawn>());
        Assert.Equal(warning.WarningId, withdrawn.WarningId);
        Assert.Contains("cancelled", withdrawn.Reason);

        var issued = (await app.EventsOfAsync(id)).OfType<WarningIssued>().Count();
        var alerts = await app.AlertsOfAsync(id, issued + 1);
        var retraction = Assert.Single(alerts, a => a.GetProperty("type").GetString() == "warningWithdrawn");
        Assert.Equal(warning.WarningId, retraction.GetProperty("id").GetString());
    }
}
