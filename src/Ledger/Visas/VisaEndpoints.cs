using Ledger.Access;
using Ledger.Hosting;
using Ledger.Projections.Travellers;
using Ledger.Projections.Visas;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Visas;

public sealed record VisaApplicationRequest(string? ApplicationId, string? State, string? Type, string? Date);

public sealed record IssueVisaRequest(
    string? VisaId, string? ApplicationId, string? IssuingState, string? Type, string? Entries, string? ValidFrom,
    string? ValidUntil, int? DurationDays, string? IssuedOn);

public sealed record VisaRefusalRequest(string? ApplicationId, string? State, string? Date, string? Ground);

public sealed record VisaRevocationRequest(string? Kind, string? State, string? Date, string? Reason);

public sealed record VisaExtensionRequest(string? ValidUntil, int? DurationDays, string? Date, string? Reason);

/// <summary>One command for every visa fact: the handler decides per event type (see <see cref="VisaHandler"/>).</summary>
public sealed record RecordVisaFact(Guid TravellerId, object Fact, Recording Recording) : ITravellerCommand;

public static class VisaEndpoints
{
    [WolverinePost("/travellers/{id}/visas/applications")]
    public static Task<IResult> Apply(Guid id, VisaApplicationRequest r, IMessageBus bus, HttpContext http) =>
        Send(bus, http, id, new VisaApplied(id, Parse.Required(r.ApplicationId, "applicationId"), For(http, Parse.Country(r.State, "state")),
            Parse.Enum<VisaType>(r.Type, "type", VisaType.C), Parse.Date(r.Date, "date")));

    [WolverinePost("/travellers/{id}/visas")]
    public static Task<IResult> Issue(Guid id, IssueVisaRequest r, IMessageBus bus, HttpContext http)
    {
        var from = Parse.Date(r.ValidFrom, "validFrom");
        var until = Parse.Date(r.ValidUntil, "validUntil");
        if (until < from) throw LedgerProblem.BadRequest($"validUntil {until:yyyy-MM-dd} is before validFrom {from:yyyy-MM-dd}");
        var duration = r.DurationDays ?? throw LedgerProblem.BadRequest("durationDays is required");
        if (duration < 1 || duration > until.DayNumber - from.DayNumber + 1)
            throw LedgerProblem.BadRequest($"durationDays {duration} must be between 1 and the days of validity ({until.DayNumber - from.DayNumber + 1})");
        return Send(bus, http, id, new VisaIssued(id, Parse.Required(r.VisaId, "visaId"), r.ApplicationId,
            For(http, Parse.Country(r.IssuingState, "issuingState")), Parse.Enum<VisaType>(r.Type, "type", null),
            ParseEntries(r.Entries), from, until, duration, Parse.Date(r.IssuedOn, "issuedOn")));
    }

    [WolverinePost("/travellers/{id}/visas/refusals")]
    public static Task<IResult> Refuse(Guid id, VisaRefusalRequest r, IMessageBus bus, HttpContext http) =>
        Send(bus, http, id, new VisaRefused(id, Parse.Required(r.ApplicationId, "applicationId"), For(http, Parse.Country(r.State, "state")),
            Parse.Date(r.Date, "date"), Parse.Text(r.Ground, "ground")));

    [WolverinePost("/travellers/{id}/visas/{visaId}/revocations")]
    public static Task<IResult> Revoke(Guid id, string visaId, VisaRevocationRequest r, IMessageBus bus, HttpContext http) =>
        Send(bus, http, id, new VisaRevoked(id, visaId, Parse.Enum<VisaEnding>(r.Kind, "kind", VisaEnding.Revoked),
            For(http, Parse.Country(r.State, "state")), Parse.Date(r.Date, "date"), Parse.Text(r.Reason, "reason")));

    [WolverinePost("/travellers/{id}/visas/{visaId}/extensions")]
    public static Task<IResult> Extend(Guid id, string visaId, VisaExtensionRequest r, IMessageBus bus, HttpContext http)
    {
        // Caseworkers only; that the visa is one of the caller's states is checked by the handler, on the recorded visa.
        Caller.Of(http).MayRecordCaseFacts();
        return Send(bus, http, id, new VisaExtended(id, visaId, Parse.Date(r.ValidUntil, "validUntil"),
            r.DurationDays ?? throw LedgerProblem.BadRequest("durationDays is required"), Parse.Date(r.Date, "date"),
            Parse.Text(r.Reason, "reason")));
    }

    /// <summary>Applications (with their outcome), visas (with their current status) and refusals.</summary>
    [WolverineGet("/travellers/{id}/visas")]
    public static async Task<VisaBook> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        return (await session.LoadAsync<Traveller>(id, ct) ?? throw LedgerProblem.NotFound($"traveller {id} is not registered")).Visas;
    }

    /// <summary>The state a visa fact is recorded for, once the caller is known to be one of its caseworkers.</summary>
    private static string For(HttpContext http, string state)
    {
        Caller.Of(http).MayRecordFor(state, "visa facts");
        return state;
    }

    private static async Task<IResult> Send(IMessageBus bus, HttpContext http, Guid id, object fact)
    {
        var result = await bus.InvokeAsync<Recorded>(new RecordVisaFact(id, fact, Recording.From(http)));
        return result.ToResult($"/travellers/{id}/visas");
    }

    /// <summary>Accepts 1, 2, single, double, multiple.</summary>
    private static VisaEntries ParseEntries(string? text) => text switch
    {
        "1" => VisaEntries.Single,
        "2" => VisaEntries.Double,
        _ => Parse.Enum<VisaEntries>(text, "entries", null),
    };
}
