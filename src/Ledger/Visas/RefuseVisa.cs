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

public sealed record VisaRefusalRequest(
    [property: Required] string? ApplicationId, [property: Required] string? State, [property: Required] DateOnly? Date,
    [property: Required, FreeText] string? Ground);

/// <summary><c>POST /travellers/{id}/visas/refusals</c>: by a caseworker of the refusing state and of the application's state.</summary>
public static class RefuseVisaEndpoint
{
    public static ProblemDetails Validate(VisaRefusalRequest request, HttpContext http) =>
        VisaRights.ForState(request.State!, "state", http);

    [WolverinePost("/travellers/{id}/visas/refusals")]
    public static (IResult, Events, OutgoingMessages) Post(
        VisaRefusalRequest r,
        [WriteTraveller] IEventStream<Traveller> stream,
        Consequences consequences, HttpContext http)
    {
        var recording = Recording.From(http);
        var traveller = TravellerStreams.Require(stream, recording);
        var refused = new VisaRefused(traveller.Id, r.ApplicationId!, r.State!, r.Date!.Value, r.Ground!);
        VisaApplications.MayDecide(traveller.Visas, refused.ApplicationId, recording);
        var existing = traveller.Visas.Refusals.FirstOrDefault(x => x.ApplicationId == refused.ApplicationId) is { } x
            ? new VisaRefused(traveller.Id, x.ApplicationId, x.State, x.Date, x.Ground)
            : null;
        var change = Idempotency.AlreadyRecorded(existing, refused, "refusal of application", r.ApplicationId!) ? null : refused;
        return WriteOutcome.Of(traveller, r.ApplicationId!, change, consequences, $"/travellers/{traveller.Id}/visas");
    }
}
