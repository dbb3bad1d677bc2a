using Ledger.Plans;
using Ledger.Projections.Plans;
using Ledger.Problems;

namespace Ledger.Tests.Plans;

/// <summary>The pure decision on a new plan (no service needed).</summary>
public class RecordPlanDecisionTests
{
    private static readonly DateOnly Today = new(2026, 1, 10);
    private static readonly Guid Traveller = Guid.NewGuid();

    private static PlanRecorded Plan(string id, int fromInDays = 5) =>
        new(Traveller, id, [new PlannedLeg("ES", Today.AddDays(fromInDays), Today.AddDays(fromInDays + 3))], null);

    [Fact]
    public void Open_plans_are_capped_and_plans_already_over_or_cancelled_do_not_count()
    {
        var book = Enumerable.Range(0, RecordPlanEndpoint.MaxOpenPlans).Aggregate(PlanBook.Empty, (b, i) => b.Apply(Plan($"p{i}")));
        var refused = Assert.Throws<LedgerProblem>(() => RecordPlanEndpoint.Decide(book, Plan("one-more"), Today));
        Assert.Contains("cancel one first", refused.Message);
        // A resend of a plan held is still answered (nothing to add).
        Assert.Null(RecordPlanEndpoint.Decide(book, Plan("p0"), Today));

        Assert.NotNull(RecordPlanEndpoint.Decide(book.Apply(new PlanCancelled(Traveller, "p0", Today)), Plan("one-more"), Today));
        var pastOnes = Enumerable.Range(0, RecordPlanEndpoint.MaxOpenPlans).Aggregate(PlanBook.Empty, (b, i) => b.Apply(Plan($"old{i}", -30)));
        Assert.NotNull(RecordPlanEndpoint.Decide(pastOnes, Plan("one-more"), Today));
    }
}
