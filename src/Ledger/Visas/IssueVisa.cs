using System.ComponentModel.DataAnnotations;
using JasperFx.Events;
using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Ledger.Warnings;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Visas;

/// <summary>A visa granted: valid <c>validFrom</c>..<c>validUntil</c> (both inclusive), at most <c>durationDays</c> days of stay.</summary>
public sealed record IssueVisaRequest(
    [property: Required] string? VisaId, string? ApplicationId, [property: Required] string? IssuingState, [property: Required] VisaType? Type,
    [property: Required] VisaEntries? Entries, [property: Required] DateOnly? ValidFrom, [property: Required] DateOnly? ValidUntil,
    [property: Required] int? DurationDays, [property: Required] DateOnly? IssuedOn);

/// <summary>
/// <c>POST /travellers/{id}/visas</c>: by a caseworker of the issuing state, and, when it names an application, of the
/// application's own state (checked on the recorded application). The visa id is an idempotency key.
/// </summary>
public static class IssueVisaEndpoint
{
    public static ProblemDetails Validate(IssueVisaRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var (from, until) = (request.ValidFrom!.Value, request.ValidUntil!.Value);
        var days = until.DayNumber - from.DayNumber + 1;
        if (until < from) errors.Add("validUntil", $"validUntil {until:yyyy-MM-dd} is before validFrom {from:yyyy-MM-dd}");
        else if (request.DurationDays < 1 || request.DurationDays > days)
            errors.Add("durationDays", $"durationDays {request.DurationDays} must be between 1 and the days of validity ({days})");
        return VisaRights.ForState(request.IssuingState!, "issuingState", http, errors);
    }

    [WolverinePost("/travellers/{id}/visas")]
    public static (IResult, Events, OutgoingMessages) Post(
        IssueVisaRequest r,
        [WriteTraveller] IEventStream<Traveller> stream,
        Consequences consequences, HttpContext http)
    {
        var recording = Recording.From(http);
        var traveller = TravellerStreams.Require(stream, recording);
        var issued = new VisaIssued(traveller.Id, r.VisaId!, r.ApplicationId, r.IssuingState!, r.Type!.Value, r.Entries!.Value,
            r.ValidFrom!.Value, r.ValidUntil!.Value, r.DurationDays!.Value, r.IssuedOn!.Value);
        VisaApplications.MayDecide(traveller.Visas, issued.ApplicationId, recording);
        var existing = traveller.Visas.Find(issued.VisaId) is { } v
            ? new VisaIssued(traveller.Id, v.VisaId, v.ApplicationId, v.IssuingState, v.Type, v.Entries, v.ValidFrom, v.ValidUntil, v.DurationDays, v.IssuedOn)
            : null;
        var change = Idempotency.AlreadyRecorded(existing, issued, "visa", issued.VisaId) ? null : issued;
        return WriteOutcome.Of(traveller, issued.VisaId, change, consequences, $"/travellers/{traveller.Id}/visas");
    }
}
