using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Crossings;
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
using Ledger.Problems;

namespace Ledger.Evidence;

public sealed record AnomalyResolutionRequest(
    [property: Required, MaxLength(500)] string? AnomalyId, [property: Required] Presumption? Presumption, [property: Required, FreeText] string? Reason);

/// <summary>
/// <c>POST /travellers/{id}/anomaly-resolutions</c>: a caseworker's decision that every uncertain day of an anomaly is
/// taken as present or absent. The latest decision on an anomaly wins; the same decision again adds nothing.
/// </summary>
public static class ResolveAnomalyEndpoint
{
    public static ProblemDetails Validate(HttpContext http)
    {
        Caller.Of(http).MayResolveAnomalies();
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/anomaly-resolutions")]
    public static (IResult, Events, OutgoingMessages) Post(
        AnomalyResolutionRequest r,
        [WriteTraveller] Traveller traveller, [NotBody] Recording recording,
        Consequences consequences, IDocumentSession session, RuleSet rules)
    {
        var decision = new AnomalyResolved(traveller.Id, r.AnomalyId!, r.Presumption!.Value, r.Reason!);
        var anomaly = traveller.Records(rules).Anomalies.FirstOrDefault(a => a.AnomalyId == decision.AnomalyId)
            ?? throw LedgerProblem.NotFound($"anomaly '{decision.AnomalyId}' is not among the traveller's records as they stand");
        // The state concerned: the country whose membership and permits decide the anomaly's uncertain days.
        recording.RequireCaller().MayResolveAnomalyOf(anomaly.Country);
        if (anomaly.UncertainDays == 0)
            throw LedgerProblem.Conflict(anomaly.Kind == AnomalyKind.ConflictingRecords
                ? $"anomaly '{decision.AnomalyId}' leaves no day uncertain: the source precedence decides which record counts; correct the wrong record instead"
                : $"anomaly '{decision.AnomalyId}' leaves no day uncertain; there is nothing to decide");
        var change = traveller.Evidence.DecisionOn(decision.AnomalyId) == decision ? null : decision;
        return WriteOutcome.Of(traveller, decision.AnomalyId, change, consequences, session, $"/travellers/{traveller.Id}/status");
    }
}
