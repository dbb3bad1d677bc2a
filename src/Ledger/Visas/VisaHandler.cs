using JasperFx.Events;
using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Warnings;
using Wolverine;
using Wolverine.Marten;

namespace Ledger.Visas;

/// <summary>
/// Decides visa facts against the traveller's visa book: ids are idempotency keys (same content: nothing added;
/// other content: 409), revocations and extensions need the visa to exist (404) and be valid (409).
/// </summary>
[AggregateHandler]
public static class VisaHandler
{
    public static (Recorded, Events, OutgoingMessages) Handle(RecordVisaFact command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);
        var (recorded, decided) = Decide(command, traveller.Visas);
        if (decided.Count == 0) return (recorded, decided, new OutgoingMessages());
        // Visa facts change visa warnings (a visa ending during a stay, entries used up).
        var (events, messages) = consequences.Of(traveller, decided);
        return (recorded, events, messages);
    }

    private static (Recorded, Events) Decide(RecordVisaFact command, VisaBook book)
    {
        OnlyOwnStatesApplication(command, book);
        return command.Fact switch
        {
            VisaApplied e => Decide(e.ApplicationId, Idempotency.AlreadyRecorded(
                book.Applications.FirstOrDefault(a => a.ApplicationId == e.ApplicationId) is { } a
                    ? e with { State = a.State, Type = a.Type, Date = a.Date } : null, e, "visa application", e.ApplicationId), e),
            VisaIssued e => Decide(e.VisaId, Idempotency.AlreadyRecorded(
                book.Find(e.VisaId) is { } v
                    ? new VisaIssued(e.TravellerId, v.VisaId, v.ApplicationId, v.IssuingState, v.Type, v.Entries, v.ValidFrom, v.ValidUntil, v.DurationDays, v.IssuedOn)
                    : null, e, "visa", e.VisaId), e),
            VisaRefused e => Decide(e.ApplicationId!, Idempotency.AlreadyRecorded(
                book.Refusals.FirstOrDefault(r => r.ApplicationId == e.ApplicationId) is { } r
                    ? new VisaRefused(e.TravellerId, r.ApplicationId, r.State, r.Date, r.Ground) : null, e, "refusal of application", e.ApplicationId!), e),
            VisaRevoked e => Revoke(book, e, command.Recording.RequireCaller()),
            VisaExtended e => Extend(book, e, command.Recording.RequireCaller()),
            _ => throw new InvalidOperationException($"unknown visa fact {command.Fact.GetType().Name}"),
        };
    }

    private static (Recorded, Events) Decide(string id, bool alreadyRecorded, object e) =>
        alreadyRecorded ? (new Recorded(id, true), new Events()) : (new Recorded(id, false), new Events { e });

    /// <summary>
    /// A refusal, or a visa issued on an application, decides that application: only a caseworker of the application's
    /// own state may (the body's state is checked by the endpoint; this checks the recorded application's).
    /// </summary>
    private static void OnlyOwnStatesApplication(RecordVisaFact command, VisaBook book)
    {
        var applicationId = command.Fact switch { VisaRefused r => r.ApplicationId, VisaIssued i => i.ApplicationId, _ => null };
        if (applicationId is not null && book.Applications.FirstOrDefault(a => a.ApplicationId == applicationId) is { } application)
            command.Recording.RequireCaller().MayRecordFor(application.State, "decisions on this application");
    }

    /// <summary>Revocation and annulment by the issuing state's caseworkers (the stricter reading of Visa Code Art. 34, which also lets another Member State act; not modelled yet).</summary>
    private static (Recorded, Events) Revoke(VisaBook book, VisaRevoked e, Ledger.Access.Caller caller)
    {
        var visa = book.Find(e.VisaId) ?? throw LedgerProblem.NotFound($"visa '{e.VisaId}' is not recorded");
        caller.MayRecordFor(visa.IssuingState, "revocations of this visa");
        var ended = e.Kind == VisaEnding.Annulled ? VisaStatus.Annulled : VisaStatus.Revoked;
        if (visa.Status == ended && visa.EndedOn == e.Date) return (new Recorded(e.VisaId, true), new Events());
        if (visa.Status != VisaStatus.Valid) throw LedgerProblem.Conflict($"visa '{e.VisaId}' was already {visa.Status.ToString().ToLowerInvariant()} on {visa.EndedOn:yyyy-MM-dd}");
        return (new Recorded(e.VisaId, false), new Events { e });
    }

    private static (Recorded, Events) Extend(VisaBook book, VisaExtended e, Ledger.Access.Caller caller)
    {
        var visa = book.Find(e.VisaId) ?? throw LedgerProblem.NotFound($"visa '{e.VisaId}' is not recorded");
        caller.MayRecordFor(visa.IssuingState, "visa extensions");
        if (visa.Status != VisaStatus.Valid) throw LedgerProblem.Conflict($"visa '{e.VisaId}' is {visa.Status.ToString().ToLowerInvariant()} and cannot be extended");
        if (visa.ValidUntil == e.ValidUntil && visa.DurationDays == e.DurationDays) return (new Recorded(e.VisaId, true), new Events());
        if (e.ValidUntil < visa.ValidUntil || e.DurationDays < visa.DurationDays)
            throw LedgerProblem.BadRequest("an extension cannot shorten the validity or the permitted duration");
        if (e.DurationDays > e.ValidUntil.DayNumber - visa.ValidFrom.DayNumber + 1)
            throw LedgerProblem.BadRequest("durationDays exceeds the days of validity");
        return (new Recorded(e.VisaId, false), new Events { e });
    }
}
