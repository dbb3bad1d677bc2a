using System.Net;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Pages;

/// <summary>
/// "Residence and citizenship" on the traveller page shows a goal whose starting permission is only applied for, as
/// what will count once it is granted, in plain words (no record ids); a decided application shows nothing of the kind.
/// </summary>
public class ResidenceOnceGrantedPageTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_pending_Australian_residence_application_shows_the_citizenship_goal_once_granted_without_ids()
    {
        var id = await app.RegisterTravellerAsync("PH");
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas", new
        {
            visaId = "au-482-visa", issuingState = "AU", type = "482", entries = "multiple", validFrom = app.DaysAgo(700), validUntil = app.DaysAgo(-700),
            durationDays = 1400, issuedOn = app.DaysAgo(700),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "au-in", "entry", "AU", app.DaysAgo(690))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync($"/travellers/{id}/visas/applications",
            new { applicationId = "pr-application-77", state = "AU", type = "PR", date = app.DaysAgo(100) })).StatusCode);
        using var me = app.ClientAs([Role.Traveller], traveller: id);

        var html = WebUtility.HtmlDecode(await me.GetStringAsync($"/app/travellers/{id}"));

        Assert.Contains("Residence and citizenship", html);
        Assert.Contains("Australian citizenship", html);
        Assert.Contains(", once granted</h3>", html);
        Assert.Contains($"The application made to Australia on ", html);
        Assert.Contains("is not decided yet, so this does not count yet. Once it is granted: ", html);
        Assert.Contains("the permission must then have been held for", html);
        Assert.DoesNotContain("pr-application-77", html);
    }

    [Fact]
    public async Task A_traveller_with_no_application_and_no_permission_has_no_residence_section()
    {
        var id = await app.RegisterTravellerAsync("PH");
        Assert.Equal(HttpStatusCode.Created, (await app.RecordCrossingAsync(id, "au-in", "entry", "AU", app.DaysAgo(30))).StatusCode);
        using var me = app.ClientAs([Role.Traveller], traveller: id);
        Assert.DoesNotContain("Residence and citizenship", await me.GetStringAsync($"/app/travellers/{id}"));
    }
}
