using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Crossings;
using Ledger.Projections.Evidence;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;

namespace Ledger.Evidence;

/// <summary>
/// Evidence that the traveller was in a country (<c>presentIn</c>) or not in an area (<c>absentFrom</c>: a regime id
/// or a country) on every day from <c>first</c> to <c>last</c> (both inclusive). Exactly one of presentIn and absentFrom.
/// </summary>
public sealed record EvidenceRequest(
    [property: Required] string? EvidenceId, [property: Required] EvidenceKind? Kind, string? PresentIn, string? AbsentFrom,
    [property: Required] DateOnly? First, [property: Required] DateOnly? Last,
    [property: Required, MaxLength(Parse.MaxNameLength)] string? Source, [property: FreeText] string? Note);

/// <summary>
/// <c>POST /travellers/{id}/evidence</c>: settles uncertain days only. The evidence id is an idempotency key; what the
/// evidence settles is assessed like a new crossing (warnings, incidents).
/// </summary>
public static class RecordEvidenceEndpoint
{
    public static ProblemDetails Validate(EvidenceRequest r, RuleSet rules, TimeProvider clock, HttpContext http)
    {
        var errors = new FieldErrors();
        if ((r.PresentIn is null) == (r.AbsentFrom is null))
            errors.Add("presentIn", "presentIn or absentFrom: give exactly one (a country the traveller was in, or an area they were not in)");
        if (r.PresentIn is not null) errors.Check("presentIn", () => Parse.Country(r.PresentIn, "presentIn"));
        if (r.AbsentFrom is not null && Area(r.AbsentFrom, rules) is null)
            errors.Add("absentFrom", $"absentFrom '{Parse.Shown(r.AbsentFrom)}' is neither a regime ({string.Join(", ", rules.Regimes.Select(g => g.Id))}) nor an ISO 3166-1 alpha-2 country code");
        if (r.Last < r.First) errors.Add("last", $"last {r.Last:yyyy-MM-dd} is before first {r.First:yyyy-MM-dd}");
        if (r.Last > RecordCrossingRequest.LatestPossibleToday(clock)) errors.Add("last", $"last {r.Last:yyyy-MM-dd} is in the future; evidence is about days that have happened");
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordEvidence(r.PresentIn, Area(r.AbsentFrom, rules), rules);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/evidence")]
    public static (IResult, Events, OutgoingMessages) Post(
        EvidenceRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, RuleSet rules, IDocumentSession session)
    {
        var evidence = new EvidenceRecorded(traveller.Id, r.EvidenceId!, r.Kind!.Value, r.PresentIn, Area(r.AbsentFrom, rules),
            r.First!.Value, r.Last!.Value, r.Source!, r.Note);
        var change = Idempotency.Decide(traveller.Evidence.Find(evidence.EvidenceId), evidence, "evidence", evidence.EvidenceId).ChangeOrThrow(evidence);
        return WriteOutcome.Of(traveller, evidence.EvidenceId, change, consequences, session, $"/travellers/{traveller.Id}/evidence/{Uri.EscapeDataString(evidence.EvidenceId)}");
    }

    /// <summary>A regime id from the rule set, or a country code; null when it is neither.</summary>
    private static string? Area(string? text, RuleSet rules) => text is null ? null :
        rules.Regimes.FirstOrDefault(g => g.Id == text)?.Id ?? (CountryCodes.IsKnown(text) ? text : null);
}
