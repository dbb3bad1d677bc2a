using Ledger.Pages.Travellers;
using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;

namespace Ledger.Tests.Pages;

/// <summary>The planner's sentence for a leg names countries, rules and what a visa lacks in words, never codes or record ids.</summary>
public class LegWordsTests
{
    private static LegResult Leg(bool lawful, string? coveredBy, params string[] lacking) =>
        new("ES", new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 20), ["schengen"], lawful, lawful ? null : new DateOnly(2027, 7, 1),
            null, null, coveredBy, lacking, 0, 20);

    [Fact]
    public void A_leg_a_visa_does_not_cover_says_what_it_needs_in_words()
    {
        var words = PlanModel.LegWords(Leg(false, null, "validity", "entries"), RuleSet.Default);
        Assert.StartsWith("Spain 2027-07-01 to 2027-07-20: not lawful from 2027-07-01", words);
        Assert.Contains("it needs a visa valid on every day of the trip and an entry left on the visa", words);
        Assert.Contains("rule: Schengen area short stay", words);
        Assert.DoesNotContain("validity,", words);
        Assert.DoesNotContain("schengen;", words);
    }

    [Fact]
    public void A_covered_leg_names_no_visa_id()
    {
        var words = PlanModel.LegWords(Leg(true, "visa-FR-2027-0042"), RuleSet.Default);
        Assert.Contains("a visa on record covers it", words);
        Assert.DoesNotContain("visa-FR-2027-0042", words);
    }
}
