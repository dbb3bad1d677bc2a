using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Access;
using Ledger.Tests.Support;

namespace Ledger.Tests.Groups;

/// <summary>A household read together, each member under the caller's own rights.</summary>
public class GroupTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private async Task<Guid> CreateAsync(string name, params Guid[] members)
    {
        var response = await app.PostAsync("/groups", new { name, members });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static int SchengenDaysUsed(JsonElement member) =>
        member.GetProperty("regimes").EnumerateArray().Single(r => r.GetProperty("regime").GetString() == "schengen").GetProperty("daysUsed").GetInt32();

    [Fact]
    public async Task A_familys_statuses_are_read_together()
    {
        var parent = await app.RegisterTravellerAsync("US");
        var child = await app.RegisterTravellerAsync("US");
        foreach (var member in new[] { parent, child })
            (await app.RecordCrossingAsync(member, "in", "entry", "FR", app.DaysAgo(9))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(child, "out", "exit", "FR", app.DaysAgo(5))).EnsureSuccessStatusCode();
        var group = await CreateAsync("The Smiths", parent, child);

        var view = await app.GetJsonAsync($"/groups/{group}");
        Assert.Equal("The Smiths", view.GetProperty("name").GetString());
        Assert.Equal(0, view.GetProperty("hiddenMembers").GetInt32());
        var members = view.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("travellerId").GetGuid());
        Assert.Equal(10, SchengenDaysUsed(members[parent]));
        Assert.Equal(5, SchengenDaysUsed(members[child]));
        // Each member shown was a read of that member's record.
        var log = await app.GetJsonAsync($"/travellers/{child}/access-log");
        Assert.Contains(log.GetProperty("entries").EnumerateArray(), e => e.GetProperty("route").GetString() == "/groups/{id}");
    }

    [Fact]
    public async Task A_member_is_shown_under_the_same_rules_as_the_status_read_visit_and_sub_area_rules_included()
    {
        var member = await app.RegisterTravellerAsync("US");
        (await app.RecordCrossingAsync(member, "gb-in", "entry", "GB", app.DaysAgo(40))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(member, "gb-out", "exit", "GB", app.DaysAgo(30))).EnsureSuccessStatusCode();
        (await app.RecordCrossingAsync(member, "dk-in", "entry", "DK", app.DaysAgo(20))).EnsureSuccessStatusCode();
        var group = await CreateAsync("one", member);

        static string[] Rules(JsonElement view) => view.GetProperty("regimes").EnumerateArray().Select(r => r.GetProperty("regime").GetString()!).Order().ToArray();
        var status = Rules(await app.GetJsonAsync($"/travellers/{member}/status"));
        var shown = Rules(Assert.Single((await app.GetJsonAsync($"/groups/{group}")).GetProperty("members").EnumerateArray()));
        Assert.Equal(status, shown);
        Assert.Contains("uk-visitor", shown);
        Assert.Contains("schengen", shown);
    }

    [Fact]
    public async Task A_traveller_sees_only_itself_in_its_group_and_nothing_of_other_groups()
    {
        var me = await app.RegisterTravellerAsync("GB");
        var sibling = await app.RegisterTravellerAsync("GB");
        var stranger = await app.RegisterTravellerAsync("GB");
        var family = await CreateAsync("family", me, sibling);
        var others = await CreateAsync("others", sibling, stranger);

        using var asMe = app.ClientAs([Role.Traveller], traveller: me);
        var view = await asMe.GetFromJsonAsync<JsonElement>($"/groups/{family}");
        Assert.Equal(me, Assert.Single(view.GetProperty("members").EnumerateArray()).GetProperty("travellerId").GetGuid());
        Assert.Equal(1, view.GetProperty("hiddenMembers").GetInt32());
        Assert.DoesNotContain(sibling.ToString(), view.GetRawText());
        await Problem.AssertAsync(await asMe.GetAsync($"/groups/{others}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_groups_are_refused()
    {
        var member = await app.RegisterTravellerAsync("US");
        await Problem.AssertAsync(await app.PostAsync("/groups", new { name = "x", members = new[] { member, Guid.NewGuid() } }), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await app.PostAsync("/groups", new { name = "x", members = Array.Empty<Guid>() }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync("/groups", new { name = " ", members = new[] { member } }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync("/groups", new { name = "x", members = new[] { member, member } }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.PostAsync("/groups", new { members = new[] { member } }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await app.Http.GetAsync($"/groups/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.Http.GetAsync($"/groups/{Guid.NewGuid()}?on=2025-13-01"), HttpStatusCode.BadRequest);
    }
}
