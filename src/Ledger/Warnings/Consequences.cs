using Ledger.Hosting;
using Ledger.Projections.Incidents;
using Ledger.Projections.Plans;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;
using Wolverine;
using Wolverine.Marten;

namespace Ledger.Warnings;

/// <summary>
/// What a change to a traveller's history leads to, decided in the same handler and committed in the same transaction:
/// overstay incidents, warnings due now (appended as events and published through the outbox), and durable
/// scheduled checks for the days further thresholds will be reached if the traveller stays.
/// </summary>
public sealed class Consequences(TimeProvider clock, WarningOptions options)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public (Events Events, OutgoingMessages Messages) Of(Traveller before, IReadOnlyCollection<object> decided)
    {
        var events = new Events();
        events.AddRange(decided);
        var messages = new OutgoingMessages();
        var after = before.Anticipate(decided);
        // Incidents do not change where the traveller was: one travel history serves both assessments.
        var records = after.Records(RuleSet.Default);
        var history = records.History;
        // The per-visit rules and sub-area counts on that history, derived once for incidents, withdrawals and warnings.
        var standings = VisitAndSubAreaStandings.Of(after, history, Today, RuleSet.Default);
        // Each rolling regime's timelines on that history, prepared once and shared by every question below.
        var regimes = new PreparedRegimes(history, Today);

        var incidents = OverstayDetection.Changes(after, history, Today, RuleSet.Default, standings, regimes).ToList();
        events.AddRange(incidents);
        after = after.Anticipate(incidents);

        // Warnings the records no longer bear out (a void or correction removed their facts) are withdrawn, through
        // the same outbox, before new ones are assessed; a withdrawn warning id is never issued again. Only a write
        // can change the records: a scheduled check (nothing decided) has nothing to re-examine.
        var withdrawals = decided.Count == 0 ? [] : WarningRules.Withdrawals(after, history, Today, RuleSet.Default, standings, regimes);
        foreach (var withdrawn in withdrawals)
        {
            events.Add(withdrawn);
            messages.Add(withdrawn);
        }

        var assessment = WarningRules.Assess(after, history, Today, RuleSet.Default, options.ThresholdsFor, standings, regimes);
        // Incidents are recorded only for unlawful periods (even the lower figure over the limit); an undetermined one
        // raises a records-incomplete warning per anomaly instead, through the same pipeline.
        foreach (var warning in assessment.DueNow.Concat(WarningRules.Incomplete(after, records, Today, RuleSet.Default, regimes)))
        {
            events.Add(warning);
            messages.Add(warning); // through the outbox: published if and only if this transaction commits
        }
        // Stored plans this write turned unlawful, through the same pipeline (a scheduled check changes no record).
        foreach (var warning in decided.Count == 0 ? [] : PlanRules.NoLongerLawful(before, after, history, Today, RuleSet.Default))
        {
            events.Add(warning);
            messages.Add(warning);
        }
        // Only the next threshold is scheduled; when that check fires it schedules the one after. One durable timer per
        // traveller inside, instead of one per threshold.
        if (assessment.CheckOn.Count > 0)
        {
            var day = assessment.CheckOn[0];
            messages.Delay(new CheckWarnings(before.Id, Recording.System($"warning-check:{before.Id:N}:{day:yyyyMMdd}")), DelayUntil(day));
        }
        return (events, messages);
    }

    /// <summary>Checks run at 00:00 UTC of the day a threshold is reached, measured on the service clock.</summary>
    private TimeSpan DelayUntil(DateOnly day)
    {
        var delay = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - clock.GetUtcNow();
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
