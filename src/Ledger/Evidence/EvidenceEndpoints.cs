using JasperFx.Events;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Evidence;

public sealed record EvidenceRequest(
    string? EvidenceId, string? Kind, string? PresentIn, string? AbsentFrom, string? First, string? Last, string? Source, string? Note);

public sealed record VoidEvidenceRequest(string? Reason);

public sealed record AnomalyResolutionRequest(string? AnomalyId, string? Presumption, string? Reason);

// Commands are logged by Wolverine when they fail: their text shows ids only, never the free text (notes, reasons,
// sources) that may name people.
public sealed record RecordEvidence(Guid TravellerId, EvidenceRecorded Evidence, Recording Recording) : ITravellerCommand
{
    public override string ToString() => $"RecordEvidence {{ TravellerId = {TravellerId}, EvidenceId = {Evidence.EvidenceId} }}";
}

public sealed record VoidEvidence(Guid TravellerId, string EvidenceId, string Reason, Recording Recording) : ITravellerCommand
{
    public override string ToString() => $"VoidEvidence {{ TravellerId = {TravellerId}, EvidenceId = {EvidenceId} }}";
}

public sealed record ResolveAnomaly(Guid TravellerId, AnomalyResolved Decision, Recording Recording) : ITravellerCommand
{
    public override string ToString() => $"ResolveAnomaly {{ TravellerId = {TravellerId}, AnomalyId = {Decision.AnomalyId} }}";
}

public static class EvidenceEndpoints
{
    /// <summary>
    /// Evidence that the traveller was in a country (<c>presentIn</c>) or not in an area (<c>absentFrom</c>: a regime id
    /// or a country) on every day from <c>first</c> to <c>last</c> (both inclusive). It settles uncertain days only.
    /// </summary>
    [WolverinePost("/travellers/{id}/evidence")]
    public static async Task<IResult> Post(Guid id, EvidenceRequest r, IMessageBus bus, TimeProvider clock, HttpContext http)
    {
        var evidence = ToEvent(id, r, clock);
        Caller.Of(http).MayRecordEvidence(evidence.PresentIn);
        var result = await bus.InvokeAsync<Recorded>(new RecordEvidence(id, evidence, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/evidence/{Uri.EscapeDataString(evidence.EvidenceId)}");
    }

    /// <summary>Voids evidence recorded by mistake; it stays in the stream and stops settling days.</summary>
    [WolverinePost("/travellers/{id}/evidence/{evidenceId}/void")]
    public static async Task<IResult> Void(Guid id, string evidenceId, VoidEvidenceRequest r, IMessageBus bus, HttpContext http)
    {
        Caller.Of(http).MayRecordEvidence(null); // the evidence's country is checked by the handler, on the record
        var reason = Parse.Text(r.Reason, "reason");
        var result = await bus.InvokeAsync<Recorded>(new VoidEvidence(id, evidenceId, reason, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/evidence/{Uri.EscapeDataString(evidenceId)}");
    }

    /// <summary>A caseworker's decision: every uncertain day of the anomaly is taken as present or absent.</summary>
    [WolverinePost("/travellers/{id}/anomaly-resolutions")]
    public static async Task<IResult> Resolve(Guid id, AnomalyResolutionRequest r, IMessageBus bus, HttpContext http)
    {
        Caller.Of(http).MayResolveAnomalies();
        var decision = new AnomalyResolved(id, Parse.Required(r.AnomalyId, "anomalyId", 500),
            Parse.Enum<Presumption>(r.Presumption, "presumption", null), Parse.Text(r.Reason, "reason"));
        var result = await bus.InvokeAsync<Recorded>(new ResolveAnomaly(id, decision, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/status");
    }

    public static EvidenceRecorded ToEvent(Guid traveller, EvidenceRequest? r, TimeProvider clock)
    {
        if (r is null) throw LedgerProblem.BadRequest("the body must be an evidence object");
        var evidenceId = Parse.Required(r.EvidenceId, "evidenceId");
        var kind = Parse.Enum<EvidenceKind>(r.Kind, "kind", null);
        if ((r.PresentIn is null) == (r.AbsentFrom is null))
            throw LedgerProblem.BadRequest("presentIn or absentFrom: give exactly one (a country the traveller was in, or an area they were not in)");
        var presentIn = r.PresentIn is null ? null : Parse.Country(r.PresentIn, "presentIn");
        var absentFrom = r.AbsentFrom is null ? null : Area(r.AbsentFrom);
        var first = Parse.Date(r.First, "first");
        var last = Parse.Date(r.Last, "last");
        if (last < first) throw LedgerProblem.BadRequest($"last {last:yyyy-MM-dd} is before first {first:yyyy-MM-dd}");
        // The earliest zone on Earth (UTC+14): no day that has begun anywhere is refused.
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(14)).DateTime);
        if (last > latest) throw LedgerProblem.BadRequest($"last {last:yyyy-MM-dd} is in the future; evidence is about days that have happened");
        var source = Parse.Required(r.Source, "source", 200);
        var note = r.Note is null ? null : Parse.Text(r.Note, "note");
        return new EvidenceRecorded(traveller, evidenceId, kind, presentIn, absentFrom, first, last, source, note);
    }

    /// <summary>A regime id from the rule set, or a country code.</summary>
    private static string Area(string text) =>
        RuleSet.Default.Regimes.FirstOrDefault(g => g.Id == text)?.Id
        ?? (CountryCodes.IsKnown(text) ? text
            : throw LedgerProblem.BadRequest($"absentFrom '{text}' is neither a regime ({string.Join(", ", RuleSet.Default.Regimes.Select(g => g.Id))}) nor an ISO 3166-1 alpha-2 country code"));
}

/// <summary>Evidence and decisions: pure decisions on the traveller; what they settle is assessed like a new crossing.</summary>
[AggregateHandler]
public static class EvidenceHandlers
{
    public static (Recorded, Events, OutgoingMessages) Handle(RecordEvidence command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);
        var e = command.Evidence;
        if (Idempotency.AlreadyRecorded(traveller.EvidenceOrEmpty.Find(e.EvidenceId), e, "evidence", e.EvidenceId))
            return (new Recorded(e.EvidenceId, true), new Events(), new OutgoingMessages());
        return Changed(e.EvidenceId, traveller, consequences, e);
    }

    public static (Recorded, Events, OutgoingMessages) Handle(VoidEvidence command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);
        var book = traveller.EvidenceOrEmpty;
        var existing = book.Find(command.EvidenceId)
            ?? throw LedgerProblem.NotFound($"evidence '{command.EvidenceId}' is not recorded for traveller {command.TravellerId}");
        command.Recording.RequireCaller().MayRecordEvidence(existing.PresentIn);
        if (book.IsVoided(command.EvidenceId)) return (new Recorded(command.EvidenceId, true), new Events(), new OutgoingMessages());
        return Changed(command.EvidenceId, traveller, consequences, new EvidenceVoided(command.TravellerId, command.EvidenceId, command.Reason));
    }

    public static (Recorded, Events, OutgoingMessages) Handle(ResolveAnomaly command, IEventStream<Traveller> stream, Consequences consequences)
    {
        var traveller = TravellerStreams.Require(stream, command);
        var d = command.Decision;
        var anomaly = traveller.Records(RuleSet.Default).Anomalies.FirstOrDefault(a => a.AnomalyId == d.AnomalyId)
            ?? throw LedgerProblem.NotFound($"anomaly '{d.AnomalyId}' is not among the traveller's records as they stand");
        if (anomaly.UncertainDays == 0)
            throw LedgerProblem.Conflict(anomaly.Kind == AnomalyKind.ConflictingRecords
                ? $"anomaly '{d.AnomalyId}' leaves no day uncertain: the source precedence decides which record counts; correct the wrong record instead"
                : $"anomaly '{d.AnomalyId}' leaves no day uncertain; there is nothing to decide");
        if (traveller.EvidenceOrEmpty.DecisionOn(d.AnomalyId) == d)
            return (new Recorded(d.AnomalyId, true), new Events(), new OutgoingMessages());
        return Changed(d.AnomalyId, traveller, consequences, d);
    }

    private static (Recorded, Events, OutgoingMessages) Changed(string id, Traveller traveller, Consequences consequences, object change)
    {
        var (events, messages) = consequences.Of(traveller, [change]);
        return (new Recorded(id, false), events, messages);
    }
}
