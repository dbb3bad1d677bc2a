using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Tests.Visas;

public class VisaCategoriesTests
{
    private static readonly VisaCategories Shipped = VisaCategories.Default;

    [Theory]
    [InlineData("FR", "A,C,D")]
    [InlineData("HR", "A,C,D")]
    [InlineData("US", "B1/B2,F-1,J-1,H-1B,IV,LPR")]
    [InlineData("GB", "SV,STUDENT,SKILLED-WORKER,ILR")]
    [InlineData("CA", "TRV,STUDY,WORK,PR")]
    [InlineData("AU", "600,500,482,143,820/801,PR")]
    [InlineData("NZ", "VISITOR,STUDENT,RESIDENT")]
    public void Every_state_of_the_issue_has_the_codes_other_slices_rely_on(string state, string codes)
    {
        Assert.Equal(codes.Split(','), Shipped.Of(state).Select(c => c.Code));
        Assert.All(Shipped.Of(state), c => Assert.False(string.IsNullOrWhiteSpace(c.Citation)));
    }

    [Fact]
    public void Codes_are_found_in_any_case_and_permanent_residence_is_marked()
    {
        Assert.Equal("B1/B2", Shipped.Find("US", "b1/b2")!.Code);
        Assert.Null(Shipped.Find("US", "C"));
        Assert.True(Shipped.Find("CA", "pr")!.CountsAsPermanentResidence);
        Assert.False(Shipped.Find("US", "IV")!.CountsAsPermanentResidence);
        Assert.Equal(["schengen"], Shipped.Find("IT", "D")!.ExemptsFromRegimes);
        Assert.Empty(Shipped.Of("JP"));
    }

    [Fact]
    public void A_category_without_a_citation_and_other_mistakes_are_refused_with_their_paths()
    {
        var e = Assert.Throws<RuleSetException>(() => VisaCategories.Parse("""
            { "version": "t", "issuers": [
              { "id": "us", "states": ["US"], "categories": [
                { "code": "X", "name": "x", "kind": "visit", "countsAsPermanentResidence": false, "exemptsFromRegimes": [], "citation": "" },
                { "code": "x", "name": "", "kind": "visit", "countsAsPermanentResidence": false, "exemptsFromRegimes": ["mars"], "citation": "law" } ] },
              { "id": "again", "states": ["US"], "area": "schengen", "categories": [] } ] }
            """, "t.json", RuleSet.Default));
        Assert.Contains("issuers[0].categories[0].citation must cite", e.Message);
        Assert.Contains("issuers[0].categories[1].code 'x' is given twice", e.Message);
        Assert.Contains("issuers[0].categories[1].name is required", e.Message);
        Assert.Contains("issuers[0].categories[1].exemptsFromRegimes 'mars'", e.Message);
        Assert.Contains("issuers[1] needs exactly one of 'states'", e.Message);
        Assert.Contains("issuers[1].categories needs at least one", e.Message);
        Assert.Contains("state US already issues the categories of 'us'", e.Message);
        Assert.Throws<RuleSetException>(() => VisaCategories.Parse("""
            { "version": "t", "issuers": [ { "id": "us", "states": ["US"], "categories": [
              { "code": "X", "name": "x", "kind": "tourism", "countsAsPermanentResidence": false, "exemptsFromRegimes": [], "citation": "c" } ] } ] }
            """, "t.json", RuleSet.Default));
    }
}
