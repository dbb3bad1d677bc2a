using Ledger.Projections.Permits;
using Ledger.Projections.StayRules;
using Ledger.Projections.Tests.Travellers;

namespace Ledger.Projections.Tests.Permits;

/// <summary>A recorded permit reaches the engine's history, where its days stop counting under the state's regime.</summary>
public class PermitHistoryTests
{
    [Fact]
    public void Days_covered_by_a_permit_of_the_state_do_not_count_and_days_after_it_do()
    {
        var entered = new DateOnly(2025, 1, 1);
        var traveller = TravellerProjectionTests.Registered("US").Anticipate([
            TravellerProjectionTests.Entry("in", "FR", entered),
            new PermitRecorded(TravellerProjectionTests.Id, "p1", "FR", PermitKind.ResidencePermit, entered, entered.AddDays(29)),
            TravellerProjectionTests.Exit("out", "FR", entered.AddDays(39)),
        ]);
        var history = traveller.ToTravelHistory(RuleSet.Default);
        Assert.Equal(new Permit("FR", entered, entered.AddDays(29)), Assert.Single(history.Permits!));
        // 40 days present, the first 30 under the permit: 10 counted.
        Assert.Equal(10, new StayRuleEngine(RuleSet.Default.Get("schengen")).Check(history, entered.AddDays(39)).DaysUsed);
    }
}
