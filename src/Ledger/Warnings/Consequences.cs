using Ledger.Projections.Incidents;
using Ledger.Projections.Plans;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;
using Marten;
using Wolverine;
using Wolverine.Marten;
using Ledger.Writing;

namespace Ledger.Warnings;

/// <summary>
/// What a change to a traveller's history leads to, decided in the same handler and committed in the same transaction:
/// overstay incidents, warnings due now (appended as events and published through the outbox), and the check for
/// the day the next threshold will be reached if the traveller stays.
/// </summary>
public sealed class Consequences(TimeProvider clock, WarningOptions options, RuleSet rules)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// <see cref="Decide"/>, with the next check kept in <see cref="LaterChecks"/> through the write's own session:
    /// what every write calls, so no write can decide a check and forget to keep it.
    /// </summary>
    public (Events Events, OutgoingMessages Messages) Of(IDocumentOperations session, Traveller before, IReadOnlyCollection<object> decided)
    {
        var (events, messages, next) = Decide(before, decided);
        if (next is { } check) LaterChecks.Keep(session, before.Id, check);
        return (events, messages);
    }

    /// <summary>
    /// The pure decision: events to append, messages to publish (a check due by tomorrow among them, scheduled), and
    /// the next check, for <see cref="LaterChecks"/>.
    /// </summary>
    public (Events Events, OutgoingMessages Messages, PendingCheck? Next) Decide(Traveller before, IReadOnlyCollection<object> decided)
    {
        var events = new Events();
        events.AddRange(decided);
        var messages = new OutgoingMessages();
        // The traveller after the write, judged today: its history and the timelines derived from it are computed once
        // and shared by every question below. Incidents do not change where the traveller was, so the same judgement
        // continues with them recorded.
        var judged = AssessmentContext.Of(before.Anticipate(decided), Today, rules);
        var incidents = OverstayDetection.Changes(judged).ToList();
        events.AddRange(incidents);
        judged = judged.With(judged.Traveller.Anticipate(incidents));

        // Warnings the records no longer bear out (a void or correction removed their facts) are withdrawn, through
        // the same outbox, before new ones are assessed; a withdrawn warning id is never issued again. Only a write
        // can change the records: a scheduled check (nothing decided) has nothing to re-examine.
        var withdrawals = decided.Count == 0 ? [] : WarningRules.Withdrawals(judged);
        foreach (var withdrawn in withdrawals)
        {
            events.Add(withdrawn);
            messages.Add(withdrawn);
        }

        var assessment = WarningRules.Assess(judged, options.ThresholdsFor);
        // Incidents are recorded only for unlawful periods (even the lower figure over the limit); an undetermined one
        // raises a records-incomplete warning per anomaly instead, through the same pipeline.
        foreach (var warning in assessment.DueNow.Concat(WarningRules.Incomplete(judged)))
        {
            events.Add(warning);
            messages.Add(warning); // through the outbox: published if and only if this transaction commits
        }
        // Stored plans this write turned unlawful, through the same pipeline (a scheduled check changes no record).
        foreach (var warning in decided.Count == 0 ? [] : PlanRules.NoLongerLawful(before, judged))
        {
            events.Add(warning);
            messages.Add(warning);
        }
        // Only the next threshold is checked; when that check runs it decides the one after. Every check is kept in
        // LaterChecks until it has run; one due by tomorrow is also scheduled now, a later one by the sweep the day before.
        if (assessment.CheckOn.Count == 0) return (events, messages, null);
        var next = assessment.CheckOn[0];
        if (next > Today.AddDays(LaterChecks.ScheduleAheadDays)) return (events, messages, new PendingCheck(next, Scheduled: false));
        ScheduleCheck(messages, before.Id, next);
        return (events, messages, new PendingCheck(next, Scheduled: true));
    }

    /// <summary>A durable scheduled <see cref="CheckWarnings"/> for 00:00 UTC of <paramref name="day"/> (now, if that has passed).</summary>
    public void ScheduleCheck(OutgoingMessages messages, Guid traveller, DateOnly day) =>
        messages.Delay(new CheckWarnings(traveller, Recording.System($"warning-check:{traveller:N}:{day:yyyyMMdd}")), DelayUntil(day));

    /// <summary>Checks run at 00:00 UTC of the day a threshold is reached, measured on the service clock.</summary>
    private TimeSpan DelayUntil(DateOnly day)
    {
        var delay = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - clock.GetUtcNow();
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
