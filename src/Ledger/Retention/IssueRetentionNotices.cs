using JasperFx.Events;
using Ledger.Projections.Retention;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;
using Wolverine;
using Wolverine.Marten;
using Ledger.Writing;

namespace Ledger.Retention;

/// <summary>"Give this traveller's holders the retention notices now due": sent by the sweep.</summary>
public sealed record IssueRetentionNotices(Guid TravellerId, Recording Recording) : ITravellerCommand;

/// <summary>A retention notice travels as a warning (threshold <c>retentionNotice</c>): the same stream, feed, webhooks and signatures.</summary>
public static class RetentionNotice
{
    public const string Threshold = "retentionNotice";

    /// <summary>One notice per record and policy: the id is derived from both, so a notice is given once.</summary>
    public static string IdOf(RetentionNoticeDue notice) => $"retention-notice:{notice.Record.PolicyId}:{notice.Record.RecordId}";

    public static WarningIssued For(Traveller traveller, RetentionNoticeDue notice, DateOnly today, RuleSet rules)
    {
        var record = notice.Record;
        var entry = traveller.Crossings.Find(record.RecordId);
        return new WarningIssued(traveller.Id, IdOf(notice), entry is null ? record.Holder : rules.AreaOf(entry.Country, entry.Date), Threshold,
            DaysUsed: 0, DaysRemaining: record.ErasureDay.DayNumber - today.DayNumber, LastLawfulDay: null,
            new WarningFacts(record.RecordId, entry?.Date ?? today, record.Holder, today, today, 0, null),
            new RetentionNoticeFacts(record.PolicyId, record.ErasureDay, record.Holder));
    }
}

/// <summary>
/// Decides again on the locked stream (a sweep may have raced another) and appends the notices due and not yet given,
/// publishing each through the outbox like a warning.
/// </summary>
[AggregateHandler]
public static class IssueRetentionNoticesHandler
{
    public static (Events, OutgoingMessages) Handle(IssueRetentionNotices command, IEventStream<Traveller> stream, RuleSet rules, TimeProvider clock)
    {
        var events = new Events();
        var messages = new OutgoingMessages();
        if (stream.Aggregate is not { } traveller) return (events, messages);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var due in RetentionDecision.Decide(traveller, today, RetentionPolicies.Default, rules).Notices)
        {
            if (traveller.Warnings.WasIssued(RetentionNotice.IdOf(due))) continue;
            var notice = RetentionNotice.For(traveller, due, today, rules);
            events.Add(notice);
            messages.Add(notice);
        }
        return (events, messages);
    }
}
