using JasperFx.Events;
using Ledger.Access;
using Ledger.Projections.Plans;
using Ledger.Projections.Travellers;
using Ledger.Warnings;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Problems;

namespace Ledger.Plans;

/// <summary>
/// <c>POST /travellers/{id}/plans/{planId}/cancellation</c>: the traveller no longer means to make the trip
/// (<see cref="PlanCancelled"/>, dated today on the service clock). A cancelled plan is not re-checked and raises no
/// warning (one it raised is withdrawn); the plan must exist (404); cancelling it again adds nothing.
/// </summary>
public static class CancelPlanEndpoint
{
    public static ProblemDetails Validate(Guid id, HttpContext http)
    {
        Caller.Of(http).MayPlan(id);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/plans/{planId}/cancellation")]
    public static (IResult, Events, OutgoingMessages) Post(
        string planId, [WriteTraveller] Traveller traveller, [NotBody] Recording recording, TimeProvider clock, Consequences consequences, IDocumentSession session)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Through the consequences like any write: a standing planNoLongerLawful warning of this plan is withdrawn.
        return WriteOutcome.Of(traveller, planId, Decide(traveller.Plans, traveller.Id, planId, today), consequences, session,
            $"/travellers/{traveller.Id}/plans/{Uri.EscapeDataString(planId)}");
    }

    /// <summary>The cancellation to append, or null when the plan was already cancelled.</summary>
    public static PlanCancelled? Decide(PlanBook plans, Guid traveller, string planId, DateOnly today)
    {
        var plan = plans.Find(planId) ?? throw LedgerProblem.NotFound($"plan '{planId}' is not recorded");
        return plan.Active ? new PlanCancelled(traveller, planId, today) : null;
    }
}
