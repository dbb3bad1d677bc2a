using Ledger.Projections.Incidents;
using Ledger.Projections.Sharing;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Tests.Sharing;

public class SharingRulesTests
{
    private static readonly SharingRules Rules = SharingRules.Default;
    private static readonly DateOnly Day = new(2024, 1, 1);
    private static OwnPeople OwnOf(string state) => new(new Dictionary<string, DateOnly> { [state] = DateOnly.MinValue });

    [Fact]
    public void Five_eyes_share_records_of_foreign_nationals_but_not_of_the_holders_own_people()
    {
        Assert.Equal("five-eyes", Rules.SharedUnder("GB", "US", RecordKind.Incidents, OwnPeople.None, Day));
        Assert.Null(Rules.SharedUnder("GB", "US", RecordKind.Incidents, OwnOf("GB"), Day));
    }

    [Fact]
    public void Schengen_states_share_visas_and_crossings_but_not_incidents()
    {
        Assert.Equal("schengen", Rules.SharedUnder("FR", "DE", RecordKind.Crossings, OwnPeople.None, Day));
        Assert.Equal("schengen", Rules.SharedUnder("FR", "DE", RecordKind.Visas, OwnPeople.None, Day));
        Assert.Null(Rules.SharedUnder("FR", "DE", RecordKind.Incidents, OwnPeople.None, Day));
        Assert.Null(Rules.SharedUnder("FR", "US", RecordKind.Crossings, OwnPeople.None, Day));
    }

    [Fact]
    public void A_holder_always_sees_its_own_records()
    {
        Assert.Equal("own", Rules.SharedUnder("JP", "JP", RecordKind.Incidents, OwnOf("JP"), Day));
    }

    [Fact]
    public void Invalid_sharing_files_are_refused_with_every_problem_named()
    {
        var e = Assert.Throws<RuleSetException>(() => SharingRules.Parse(
            """{ "version": "x", "arrangements": [ { "id": "a", "members": ["US"], "shares": [], "source": "" } ] }""", "t.json"));
        Assert.Contains("arrangements[0].members needs at least two states", e.Message);
        Assert.Contains("arrangements[0].shares", e.Message);
        Assert.Contains("arrangements[0].source", e.Message);
        Assert.Throws<RuleSetException>(() => SharingRules.Parse("""{ "version": "x", "arrangements": [ { "id": "a", "members": ["US", "GB"], "shares": ["gossip"], "source": "s" } ] }""", "t"));
    }

    [Fact]
    public void Five_eyes_share_only_the_subjects_incidents()
    {
        var day = new DateOnly(2024, 1, 1);
        Assert.Equal("five-eyes", Rules.IncidentSharedUnder("GB", "US", IncidentRole.Subject, OwnPeople.None, day));
        foreach (var role in new[] { IncidentRole.Complainant, IncidentRole.Victim, IncidentRole.Witness })
        {
            Assert.Null(Rules.IncidentSharedUnder("GB", "US", role, OwnPeople.None, day));
            Assert.Equal("own", Rules.IncidentSharedUnder("GB", "GB", role, OwnPeople.None, day));
        }
        var britishCitizen = new OwnPeople(new Dictionary<string, DateOnly> { ["GB"] = DateOnly.MinValue });
        Assert.Null(Rules.IncidentSharedUnder("GB", "US", IncidentRole.Subject, britishCitizen, day));
    }

    [Fact]
    public void An_arrangement_that_shares_incidents_must_name_the_roles_and_only_known_ones()
    {
        var e = Assert.Throws<RuleSetException>(() => SharingRules.Parse(
            """{ "version": "x", "arrangements": [ { "id": "a", "members": ["US", "GB"], "shares": ["incidents"], "source": "s" } ] }""", "t.json"));
        Assert.Contains("arrangements[0].incidentRoles", e.Message);
        Assert.Throws<RuleSetException>(() => SharingRules.Parse(
            """{ "version": "x", "arrangements": [ { "id": "a", "members": ["US", "GB"], "shares": ["incidents"], "incidentRoles": ["bystander"], "source": "s" } ] }""", "t"));
    }
}
