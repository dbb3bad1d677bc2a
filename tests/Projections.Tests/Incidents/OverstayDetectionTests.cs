using Ledger.Projections.Warnings;
using Ledger.Projections.Incidents;
using Ledger.Projections.StayRules;
using Ledger.Projections.Tests.Travellers;
using Ledger.Projections.Travellers;

namespace Ledger.Projections.Tests.Incidents;

/// <summary>Overstays found in a history become incidents once, and the ledger retracts its own finding when the history changes.</summary>
public class OverstayDetectionTests
{
    private static readonly DateOnly Entered = new(2025, 1, 1);

    [Fact]
    public void An_overstay_is_recorded_once_from_its_first_unlawful_day_and_retracted_when_an_exit_arrives()
    {
        var rules = RuleSet.Default;
        var today = Entered.AddDays(99); // 100 days present in France: days 91-100 are over the Schengen limit
        var inside = TravellerProjectionTests.Registered("US").Anticipate([TravellerProjectionTests.Entry("in", "FR", Entered)]);

        var found = OverstayDetection.Changes(AssessmentContext.Of(inside, today, rules)).OfType<IncidentRecorded>().ToList();
        var overstay = Assert.Single(found, i => i.IncidentId == OverstayDetection.IncidentIdFor("schengen", Entered.AddDays(90)));
        Assert.Equal(("FR", IncidentCategory.Overstay, OverstayDetection.Source), (overstay.Jurisdiction, overstay.Category, overstay.Source));

        // Detected again on the same history: already on record, nothing new.
        var recorded = inside.Anticipate(found);
        Assert.Empty(OverstayDetection.Changes(AssessmentContext.Of(recorded, today, rules)));

        // An exit on day 60 arrives late: there was no overstay, and the ledger's own incident is expunged.
        var corrected = recorded.Anticipate([TravellerProjectionTests.Exit("out", "FR", Entered.AddDays(59))]);
        var retracted = OverstayDetection.Changes(AssessmentContext.Of(corrected, today, rules)).ToList();
        Assert.Contains(retracted, e => e is IncidentExpunged x && x.IncidentId == overstay.IncidentId);
        Assert.DoesNotContain(retracted, e => e is IncidentRecorded);
    }
}
