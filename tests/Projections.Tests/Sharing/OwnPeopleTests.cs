using Ledger.Projections.Permits;
using Ledger.Projections.Sharing;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Tests.Sharing;

/// <summary>Who is a holder's own person (citizen or permanent resident) on a day, and since when.</summary>
public class OwnPeopleTests
{
    private static readonly DateOnly Granted = new(2025, 6, 1);

    private static Traveller With(params object[] events) =>
        Traveller.FromRegistration(new TravellerRegistered(Guid.Empty, ["IN"], DateTimeOffset.UnixEpoch)).Anticipate(events);

    private static VisaIssued Permanent(string state, string type) =>
        new(Guid.Empty, $"{state}-{type}", null, state, type, VisaEntries.Multiple, Granted, new(2199, 12, 31), 1000, Granted);

    private static OwnPeople On(Traveller t, DateOnly day) => OwnPeople.Of(t, day, VisaCategories.Default);

    [Fact]
    public void A_permanent_residence_category_makes_the_traveller_the_issuers_own_from_its_first_day()
    {
        var t = With(Permanent("CA", "PR"), Permanent("US", "IV"), Permanent("GB", "ILR"));
        Assert.Null(On(t, Granted.AddDays(-1)).Since("CA"));
        Assert.Equal(Granted, On(t, Granted).Since("CA"));
        Assert.Equal(Granted, On(t, Granted).Since("GB"));
        // An immigrant visa is the way to permanent residence, not the status itself.
        Assert.Null(On(t, Granted).Since("US"));
        // A nationality has no date: always.
        Assert.Equal(DateOnly.MinValue, On(t, Granted).Since("IN"));
    }

    [Fact]
    public void A_revoked_status_ends_on_its_revocation_date_and_an_annulled_one_never_counted()
    {
        var revokedOn = new DateOnly(2026, 1, 10);
        var t = With(Permanent("CA", "PR"), new VisaRevoked(Guid.Empty, "CA-PR", VisaEnding.Revoked, "CA", revokedOn, "fraud"),
            Permanent("NZ", "RESIDENT"), new VisaRevoked(Guid.Empty, "NZ-RESIDENT", VisaEnding.Annulled, "NZ", revokedOn, "fraud"));
        Assert.Equal(Granted, On(t, revokedOn.AddDays(-1)).Since("CA"));
        Assert.Null(On(t, revokedOn).Since("CA"));
        Assert.Null(On(t, Granted).Since("NZ"));
    }

    [Fact]
    public void A_permanent_residence_permit_counts_while_it_runs()
    {
        var t = With(new PermitRecorded(Guid.Empty, "p", "AU", PermitKind.PermanentResidence, Granted, new(2030, 1, 1)));
        Assert.Equal(Granted, On(t, new(2026, 1, 1)).Since("AU"));
        Assert.Null(On(t, new(2030, 1, 2)).Since("AU"));
    }

    [Fact]
    public void Records_before_the_grant_follow_the_arrangements_rule_and_later_ones_are_always_withheld()
    {
        var own = On(With(Permanent("CA", "PR")), new(2026, 1, 1));
        Assert.True(own.Withholds("CA", new(2024, 1, 1), RecordsBeforeGrant.Withheld));
        Assert.False(own.Withholds("CA", new(2024, 1, 1), RecordsBeforeGrant.Shared));
        Assert.True(own.Withholds("CA", Granted, RecordsBeforeGrant.Shared));
        Assert.False(own.Withholds("US", Granted, RecordsBeforeGrant.Withheld));

        var rules = SharingRules.Default;
        Assert.Equal(RecordsBeforeGrant.Withheld, rules.Arrangements.Single(a => a.Id == "five-eyes").OwnPeopleRecordsBeforeGrant);
        Assert.Null(rules.SharedUnder("CA", "US", RecordKind.Visas, own, new DateOnly(2024, 1, 1)));
        Assert.Equal("five-eyes", rules.SharedUnder("CA", "US", RecordKind.Visas, OwnPeople.None, new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void The_rule_for_records_before_the_grant_must_be_cited()
    {
        var e = Assert.Throws<RuleSetException>(() => SharingRules.Parse("""
            { "version": "x", "arrangements": [ { "id": "a", "members": ["US", "GB"], "shares": ["visas"], "excludeOwnPeople": true,
              "ownPeopleRecordsBeforeGrant": "shared", "source": "s" } ] }
            """, "t.json"));
        Assert.Contains("arrangements[0].ownPeopleSource must cite", e.Message);
        var shared = SharingRules.Parse("""
            { "version": "x", "arrangements": [ { "id": "a", "members": ["US", "GB"], "shares": ["visas"], "excludeOwnPeople": true,
              "ownPeopleRecordsBeforeGrant": "shared", "ownPeopleSource": "test", "source": "s" } ] }
            """, "t.json");
        var own = On(With(Permanent("GB", "ILR")), new(2026, 1, 1));
        Assert.Equal("a", shared.SharedUnder("GB", "US", RecordKind.Visas, own, new DateOnly(2025, 5, 31)));
        Assert.Null(shared.SharedUnder("GB", "US", RecordKind.Visas, own, Granted));
    }
}
