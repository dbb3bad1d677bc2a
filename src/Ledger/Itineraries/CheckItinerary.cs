using System.ComponentModel.DataAnnotations;
using Ledger.Access;
using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Visas;
using Ledger.Travellers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.Itineraries;

/// <summary>One planned presence: a country from one day to another, both included, entered by air (default), land or sea.</summary>
public sealed record LegRequest([property: Required] string? Country, [property: Required] DateOnly? From, [property: Required] DateOnly? To, TravelMode? By = null);

/// <summary>Legs checked in order against the traveller's stored record; nothing is recorded.</summary>
public sealed record ItineraryCheckRequest([property: Required] List<LegRequest>? Legs);

/// <summary>A stay of the inline history, in the CLI's form: entry and/or exit, country.</summary>
public sealed record HistoryStayRequest(DateOnly? Entry, DateOnly? Exit, [property: Required] string? Country);

/// <summary>A visa held, as the visa book holds it (issuing state, type, entries, validity, duration of stay).</summary>
public sealed record HeldVisaRequest(
    [property: Required] string? VisaId, [property: Required] string? IssuingState, [property: Required, MaxLength(20)] string? Type,
    [property: Required] VisaEntries? Entries, [property: Required] DateOnly? ValidFrom, [property: Required] DateOnly? ValidUntil,
    [property: Required] int? DurationDays);

/// <summary>
/// A travel authorisation held (an ESTA, an eTA, ...): its scheme, grant day, and the issuer's last day or the passport's
/// expiry (without either the scheme's term decides).
/// </summary>
public sealed record HeldAuthorisationRequest(
    [property: Required, MaxLength(80)] string? AuthorisationId, [property: Required, MaxLength(40)] string? Scheme, [property: Required] DateOnly? Granted,
    DateOnly? ValidUntil, DateOnly? DocumentExpires);

/// <summary>
/// For people without a stored record: who they are, what they hold (visas, travel authorisations: none when left
/// out), where they have been, where they mean to go.
/// </summary>
public sealed record InlineItineraryCheckRequest(
    [property: Required] string? Nationality, List<HeldVisaRequest>? Visas, List<HistoryStayRequest>? History,
    [property: Required] List<LegRequest>? Legs, List<HeldAuthorisationRequest>? Authorisations = null);

/// <summary>
/// "May I make this trip with what I hold?": <c>POST /travellers/{id}/itineraries/check</c> on the stored record (and
/// <see cref="CheckInlineItineraryEndpoint"/> on a history sent with the request). Both answer with <see cref="ItineraryAnswer"/>
/// (the pure <see cref="ItineraryCheck"/>, with <see cref="ItineraryNotes"/>: legs before today, an open stay); neither records anything.
/// </summary>
public static class CheckItineraryEndpoints
{
    public static ProblemDetails Validate(ItineraryCheckRequest request)
    {
        var errors = new FieldErrors();
        ValidateLegs(request.Legs, errors);
        return errors.ToProblem();
    }

    [WolverinePost("/travellers/{id}/itineraries/check")]
    public static async Task<ItineraryAnswer> Check(Guid id, ItineraryCheckRequest request, IQuerySession session, RuleSet rules, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var history = traveller.ToTravelHistory(rules);
        var authorisations = new AuthorisationCheck(TravelAuthorisationSchemes.Default, traveller.Authorisations);
        return ItineraryNotes.Annotate(ItineraryCheck.Run(rules, history, traveller.Visas.Visas, Legs(request.Legs!), authorisations), history, Today(http));
    }

    /// <summary>Today by the service's clock (<see cref="TimeProvider"/>, which tests move).</summary>
    internal static DateOnly Today(HttpContext http) =>
        DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private static List<Leg> Legs(List<LegRequest> legs) => legs.Select(l => new Leg(l.Country!, l.From!.Value, l.To!.Value, l.By ?? TravelMode.Air)).ToList();

    internal static void ValidateLegs(List<LegRequest>? legs, FieldErrors errors)
    {
        if (legs is { Count: 0 }) errors.Add("legs", "legs needs at least one leg");
        for (var i = 0; i < (legs?.Count ?? 0); i++)
        {
            var leg = legs![i];
            var path = $"legs[{i}]";
            if (leg.Country is not null) errors.Check(path + ".country", () => Parse.Country(leg.Country, path + ".country"));
            if (leg.From is { } f && leg.To is { } t && t < f) errors.Add(path + ".to", $"{path}.to is before from");
        }
    }

    internal static List<Leg> ToLegs(List<LegRequest> legs) => Legs(legs);
}

/// <summary><c>POST /itineraries/check</c>: the same check on a history sent with the request, for people without a stored record.</summary>
public static class CheckInlineItineraryEndpoint
{
    public static ProblemDetails Validate(InlineItineraryCheckRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.Nationality is not null) errors.Check("nationality", () => Parse.Country(request.Nationality, "nationality"));
        for (var i = 0; i < (request.History?.Count ?? 0); i++)
        {
            var s = request.History![i];
            var path = $"history[{i}]";
            if (s.Country is not null) errors.Check(path + ".country", () => Parse.Country(s.Country, path + ".country"));
            if (s.Entry is null && s.Exit is null) errors.Add(path, $"{path} needs an entry, an exit or both");
            if (s.Entry is { } e && s.Exit is { } x && x < e) errors.Add(path + ".exit", $"{path}.exit is before its entry");
        }
        for (var i = 0; i < (request.Visas?.Count ?? 0); i++)
        {
            var v = request.Visas![i];
            var path = $"visas[{i}]";
            if (v.IssuingState is not null) errors.Check(path + ".issuingState", () => Parse.Country(v.IssuingState, path + ".issuingState"));
            Ledger.Visas.VisaTypes.Check(v.IssuingState, v.Type, path + ".type", errors);
            if (v.ValidFrom is { } f && v.ValidUntil is { } u && u < f) errors.Add(path + ".validUntil", $"{path}.validUntil is before validFrom");
            if (v.DurationDays is < 1 or > 3660) errors.Add(path + ".durationDays", $"{path}.durationDays must be between 1 and 3660");
        }
        for (var i = 0; i < (request.Authorisations?.Count ?? 0); i++)
        {
            var a = request.Authorisations![i];
            var path = $"authorisations[{i}]";
            if (a.Scheme is not null) Ledger.TravelAuthorisations.AuthorisationRights.Scheme(a.Scheme, path + ".scheme", errors);
            if (a.Granted is { } g && a.ValidUntil is { } u && u < g) errors.Add(path + ".validUntil", $"{path}.validUntil is before granted");
            if (a.Granted is { } g2 && a.DocumentExpires is { } x && x < g2) errors.Add(path + ".documentExpires", $"{path}.documentExpires is before granted");
        }
        CheckItineraryEndpoints.ValidateLegs(request.Legs, errors);
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayCheckItineraries();
        return WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Travel authorisations are checked as on a stored record, against those the request says are held: a traveller
    /// who sends none holds none, so a leg that needs one answers <c>lacking: ["travelAuthorisation:SCHEME"]</c>
    /// (as a leg that needs a visa, with no visa sent, lacks one).
    /// </summary>
    [WolverinePost("/itineraries/check")]
    public static ItineraryAnswer CheckInline(InlineItineraryCheckRequest request, RuleSet rules, HttpContext http)
    {
        // Stays with both days as given; an exit alone is a one-day stay, an entry alone is still inside (the CLI's reading
        // without its pairing of single crossings, which an inline history has no ids for).
        var stays = (request.History ?? []).Select(s => new Stay(s.Entry ?? s.Exit!.Value, s.Exit, s.Country!)).ToList();
        var visas = (request.Visas ?? []).Select(v => new Visa(v.VisaId!, null, v.IssuingState!, Ledger.Visas.VisaTypes.Canonical(v.IssuingState!, v.Type!), v.Entries!.Value,
            v.ValidFrom!.Value, v.ValidUntil!.Value, v.DurationDays!.Value, v.ValidFrom!.Value, VisaStatus.Valid, null, null)).ToList();
        var history = new TravelHistory(stays, Nationalities: [request.Nationality!]);
        var authorisations = HeldAuthorisation.Check((request.Authorisations ?? []).Select(a =>
            new HeldAuthorisation(a.AuthorisationId!, a.Scheme!, a.Granted!.Value, a.ValidUntil, a.DocumentExpires)), TravelAuthorisationSchemes.Default);
        return ItineraryNotes.Annotate(ItineraryCheck.Run(rules, history, visas, CheckItineraryEndpoints.ToLegs(request.Legs!), authorisations),
            history, CheckItineraryEndpoints.Today(http));
    }
}
