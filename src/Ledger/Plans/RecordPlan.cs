using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Itineraries;
using Ledger.Projections.Plans;
using Ledger.Projections.Travellers;
using Ledger.Travellers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Plans;

/// <summary>A planned trip: its legs in the order they will be travelled (each a country, from, to), and a note for the traveller.</summary>
public sealed record PlanRequest(
    [property: Required] string? PlanId, [property: Required] List<LegRequest>? Legs, [property: FreeText] string? Note);

/// <summary>
/// <c>POST /travellers/{id}/plans</c>: stores a planned trip as its own event (<see cref="PlanRecorded"/>), never as
/// crossings: it changes no stay, count or warning of the record. The plan id is an idempotency key (same content 200,
/// other content 409). From then on every write to the record re-checks it (<see cref="PlanRules.NoLongerLawful"/>).
/// </summary>
public static class RecordPlanEndpoint
{
    /// <summary>How far ahead a plan may reach: every later write re-checks it, and the engine answers for real calendars only.</summary>
    public const int MaxYearsAhead = 10;

    /// <summary>Plans not yet over that one traveller may hold: each is re-checked on every write to the record.</summary>
    public const int MaxOpenPlans = 20;

    public static ProblemDetails Validate(Guid id, PlanRequest request, TimeProvider clock, HttpContext http)
    {
        var errors = new FieldErrors();
        CheckItineraryEndpoints.ValidateLegs(request.Legs, errors);
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(MaxYearsAhead);
        for (var i = 0; i < (request.Legs?.Count ?? 0); i++)
            if (request.Legs![i].To > latest) errors.Add($"legs[{i}].to", $"legs[{i}].to is more than {MaxYearsAhead} years ahead");
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayPlan(id);
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/travellers/{id}/plans")]
    public static async Task<(IResult, Events)> Post(
        PlanRequest request, [WriteTraveller] Traveller traveller, [NotBody] Recording recording, IdentityVault vault, TimeProvider clock, HttpContext http)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plan = new PlanRecorded(traveller.Id, request.PlanId!,
            request.Legs!.Select(l => new PlannedLeg(l.Country!, l.From!.Value, l.To!.Value, l.By ?? Ledger.Projections.TravelAuthorisations.TravelMode.Air)).ToList(), request.Note);
        // A resend is compared with the stored note opened (an erased note reads as none).
        var plans = traveller.Plans;
        if (plans.Find(plan.PlanId) is { Recorded: { SealedNote: not null } stored })
            plans = plans.WithOpenedNote(plan.PlanId, await PlanNotes.OpenAsync(vault, stored, http.RequestAborted));
        var decided = Decide(plans, plan, today);
        return WriteOutcome.Of(plan.PlanId, decided is null ? null : await PlanNotes.SealAsync(vault, decided, http.RequestAborted),
            $"/travellers/{traveller.Id}/plans/{Uri.EscapeDataString(plan.PlanId)}");
    }

    /// <summary>
    /// The plan to append, or null for a resend of the same plan; a plan id taken by other content is a 409, and so is a
    /// plan beyond <see cref="MaxOpenPlans"/> active plans not yet over.
    /// </summary>
    public static PlanRecorded? Decide(PlanBook plans, PlanRecorded plan, DateOnly today)
    {
        if (plans.Find(plan.PlanId) is not { } existing)
        {
            if (plans.Active.Count(p => p.Recorded.Legs.Max(l => l.To) >= today) >= MaxOpenPlans)
                throw LedgerProblem.Conflict($"the traveller already holds {MaxOpenPlans} plans not yet over; cancel one first");
            return plan;
        }
        return Idempotency.Decide(existing.Recorded.DifferencesFrom(plan).ToList(), "plan", plan.PlanId).ChangeOrThrow(plan);
    }
}

/// <summary>
/// A plan's note is free text about the traveller: it is stored sealed under the traveller's identity key
/// (<see cref="IdentityVault"/>), so <c>DELETE /travellers/{id}/identity</c> erases it with the identity.
/// </summary>
public static class PlanNotes
{
    private static string Purpose(string planId) => $"plan-note:{planId}";

    /// <summary>The plan as it is stored: its note sealed (a plan without a note is stored as it is).</summary>
    public static async Task<PlanRecorded> SealAsync(IdentityVault vault, PlanRecorded plan, CancellationToken ct) =>
        plan.Note is not { } note ? plan
            : plan with { Note = null, SealedNote = await vault.SealTextAsync(plan.TravellerId, Purpose(plan.PlanId), note, ct) };

    /// <summary>The note to show or compare: opened, or null once erased; a plan recorded before notes were sealed holds it plain.</summary>
    public static async Task<string?> OpenAsync(IdentityVault vault, PlanRecorded plan, CancellationToken ct) =>
        plan.SealedNote is null ? plan.Note : await vault.OpenTextAsync(plan.TravellerId, Purpose(plan.PlanId), plan.SealedNote, ct);
}
