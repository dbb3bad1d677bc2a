using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Projections.TravelAuthorisations;

namespace Ledger.Projections.Tests.TravelAuthorisations;

/// <summary>The shipped schemes: who needs which, when, by which mode; derived validity; superseding; the itinerary check.</summary>
public class TravelAuthorisationSchemeTests
{
    private static readonly RuleSet Rules = RuleSet.Default;
    private static readonly TravelAuthorisationSchemes Schemes = TravelAuthorisationSchemes.Default;

    private static DateOnly D(string s) => DateOnly.Parse(s);

    private static TravelAuthorisationScheme S(string id) => Schemes.Find(id)!;

    [Theory]
    [InlineData("us-esta", "GB", "2025-03-01", TravelMode.Air, true)]
    [InlineData("us-esta", "GB", "2025-03-01", TravelMode.Land, false)]   // 8 CFR 217.5: air or sea
    [InlineData("us-esta", "GB", "2008-12-01", TravelMode.Air, false)]   // before 12 January 2009
    [InlineData("us-esta", "CA", "2025-03-01", TravelMode.Air, false)]   // Canadians are not VWP travellers
    [InlineData("us-esta", "IN", "2025-03-01", TravelMode.Air, false)]   // a visa national needs a visa, not an ESTA
    [InlineData("ca-eta", "FR", "2025-03-01", TravelMode.Air, true)]
    [InlineData("ca-eta", "FR", "2025-03-01", TravelMode.Land, false)]   // IRPR s. 7.1: by air only
    [InlineData("ca-eta", "US", "2025-03-01", TravelMode.Air, false)]
    [InlineData("gb-eta", "US", "2025-04-02", TravelMode.Land, true)]
    [InlineData("gb-eta", "US", "2024-12-01", TravelMode.Air, false)]    // the January 2025 phase is not modelled
    [InlineData("gb-eta", "QA", "2024-01-01", TravelMode.Air, true)]
    [InlineData("gb-eta", "IE", "2025-06-01", TravelMode.Air, false)]    // Irish citizens are exempt
    [InlineData("gb-eta", "IN", "2025-06-01", TravelMode.Air, false)]    // a visa national
    [InlineData("schengen-etias", "US", "2030-01-01", TravelMode.Air, false)] // no official start date: never required
    [InlineData("au-evisitor-651", "DE", "2025-01-01", TravelMode.Sea, true)]
    [InlineData("nz-eta", "GB", "2025-01-01", TravelMode.Air, false)]    // no nationality listed yet
    public void Who_needs_which_authorisation_when_and_by_which_mode(string scheme, string nationality, string day, TravelMode by, bool required) =>
        Assert.Equal(required, S(scheme).IsRequiredOf([nationality], D(day), by, Rules));

    [Fact]
    public void Validity_is_the_term_from_the_grant_day_or_the_passport_expiry_whichever_first()
    {
        Assert.Equal(D("2027-01-09"), S("us-esta").ValidUntil(D("2025-01-10"), D("2031-01-01")));
        Assert.Equal(D("2026-03-01"), S("us-esta").ValidUntil(D("2025-01-10"), D("2026-03-01")));
        Assert.Equal(D("2030-01-09"), S("ca-eta").ValidUntil(D("2025-01-10"), null));
        Assert.Equal(D("2026-01-09"), S("au-eta-601").ValidUntil(D("2025-01-10"), null));
    }

    private static TravelAuthorisationGranted Grant(string id, string scheme, string granted, string until) =>
        new(Guid.Empty, id, scheme, null, "GB", null, D(granted), D(until), false);

    [Fact]
    public void A_later_grant_of_the_same_scheme_supersedes_the_earlier_from_its_grant_day()
    {
        var book = TravelAuthorisationBook.Empty.Apply(Grant("E1", "us-esta", "2025-01-10", "2027-01-09"), "US")
            .Apply(Grant("E2", "us-esta", "2025-06-01", "2027-05-31"), "US")
            .Apply(Grant("T1", "ca-eta", "2025-02-01", "2030-01-31"), "CA");
        var e1 = book.Find("E1")!;
        Assert.Equal(AuthorisationStatus.Valid, book.StatusOn(e1, D("2025-05-31")));
        Assert.Equal(AuthorisationStatus.Superseded, book.StatusOn(e1, D("2025-06-01")));
        Assert.Equal("E2", book.SupersededBy(e1, D("2025-06-01"))!.AuthorisationId);
        Assert.Equal(AuthorisationStatus.Valid, book.StatusOn(book.Find("T1")!, D("2025-06-01"))); // another scheme
        Assert.Equal(AuthorisationStatus.NotYetValid, book.StatusOn(e1, D("2025-01-09")));
        var revoked = book.Apply(new TravelAuthorisationRevoked(Guid.Empty, "E2", D("2025-07-01"), null));
        Assert.Equal((AuthorisationStatus.Valid, AuthorisationStatus.Revoked), (revoked.StatusOn(revoked.Find("E2")!, D("2025-06-30")), revoked.StatusOn(revoked.Find("E2")!, D("2025-07-01"))));
        Assert.Equal(AuthorisationStatus.Expired, book.StatusOn(book.Find("E2")!, D("2027-06-01")));
    }

    private static LegResult Check(string nationality, Leg leg, TravelAuthorisationBook book) =>
        ItineraryCheck.Run(Rules, new TravelHistory([], Nationalities: [nationality]), [], [leg], new AuthorisationCheck(Schemes, book)).Legs[0];

    [Fact]
    public void A_British_traveller_flying_to_the_US_lacks_an_ESTA_until_one_is_granted()
    {
        var leg = new Leg("US", D("2025-03-01"), D("2025-03-10"));
        var without = Check("GB", leg, TravelAuthorisationBook.Empty);
        Assert.Equal((false, D("2025-03-01")), (without.Lawful, without.FirstUnlawfulDay));
        Assert.Contains("travelAuthorisation:us-esta", without.Lacking);
        var with = Check("GB", leg, TravelAuthorisationBook.Empty.Apply(Grant("E1", "us-esta", "2025-01-10", "2027-01-09"), "US"));
        Assert.Equal((true, "E1"), (with.Lawful, with.CoveredBy));
        Assert.Empty(with.Lacking);
        // Without the authorisation data (inline checks, stored plans) nothing is asked of authorisations.
        Assert.True(ItineraryCheck.Run(Rules, new TravelHistory([], Nationalities: ["GB"]), [], [leg]).Legs[0].Lawful);
    }

    [Fact]
    public void A_French_traveller_needs_an_eTA_to_fly_to_Canada_but_not_to_drive_in()
    {
        Assert.Contains("travelAuthorisation:ca-eta", Check("FR", new Leg("CA", D("2025-03-01"), D("2025-03-10")), TravelAuthorisationBook.Empty).Lacking);
        var byLand = Check("FR", new Leg("CA", D("2025-03-01"), D("2025-03-10"), TravelMode.Land), TravelAuthorisationBook.Empty);
        Assert.Equal((true, TravelMode.Land), (byLand.Lawful, byLand.By));
        Assert.Empty(byLand.Lacking);
    }

    [Fact]
    public void An_expired_or_superseded_authorisation_does_not_cover_and_either_Australian_one_does()
    {
        var expired = TravelAuthorisationBook.Empty.Apply(Grant("E0", "us-esta", "2022-01-10", "2024-01-09"), "US");
        Assert.False(Check("GB", new Leg("US", D("2025-03-01"), D("2025-03-05")), expired).Lawful);
        // A German may travel to Australia on an eVisitor (or an ETA): both are candidates, either covers.
        var lacking = Check("DE", new Leg("AU", D("2025-03-01"), D("2025-03-05")), TravelAuthorisationBook.Empty).Lacking;
        Assert.Equal(["travelAuthorisation:au-eta-601", "travelAuthorisation:au-evisitor-651"], lacking.ToArray());
        var evisitor = TravelAuthorisationBook.Empty.Apply(Grant("V1", "au-evisitor-651", "2025-01-01", "2025-12-31"), "AU");
        Assert.Equal("V1", Check("DE", new Leg("AU", D("2025-03-01"), D("2025-03-05")), evisitor).CoveredBy);
    }

    [Theory]
    [InlineData("""{"version":"1","schemes":[{"id":"x","name":"X","state":"US","validFor":{"years":2},"endsWithPassport":true,"modes":["air"],"inForceFrom":null,"requiredOf":{"visaFreeUnder":"nowhere"},"citation":"c"}]}""", "visaFreeUnder 'nowhere' is not an area")]
    [InlineData("""{"version":"1","schemes":[{"id":"x","name":"X","state":"US","validFor":{"years":2,"months":3},"endsWithPassport":true,"modes":["air"],"inForceFrom":null,"requiredOf":{"nationals":[]},"citation":"c"}]}""", "validFor needs exactly one")]
    [InlineData("""{"version":"1","schemes":[{"id":"x","name":"X","state":"US","validFor":{"years":2},"endsWithPassport":true,"modes":["air"],"inForceFrom":"2020-01-01","requiredOf":{"nationals":[{"country":"GB"}]},"citation":""}]}""", "citation must cite")]
    public void An_invalid_scheme_file_is_refused_with_its_path(string json, string says) =>
        Assert.Contains(says, Assert.Throws<RuleSetException>(() => TravelAuthorisationSchemes.Parse(json, "t.json", Rules)).Message);
}
