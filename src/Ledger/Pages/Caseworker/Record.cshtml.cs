using Ledger.Projections.StayRules;
using System.Text.Json;
using Ledger.Crossings;
using Ledger.Hosting;
using Ledger.History;
using Ledger.Incidents;
using Ledger.Permits;
using Ledger.Projections.Incidents;
using Ledger.Projections.Permits;
using Ledger.Projections.Visas;
using Ledger.Stays;
using Ledger.Travellers;
using Ledger.Visas;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Ledger.Writing;
using Ledger.Problems;

namespace Ledger.Pages.Caseworker;

/// <summary>
/// <c>/app/caseworker/travellers/{id}</c>: the full record (identity, crossings with their stays and anomalies,
/// status, visas, permits, incidents), the event history with who recorded what (for the principals the API shows it
/// to: auditors and admins), and forms that post through the API's own routes (<see cref="ApiRelay"/>), so their
/// validation, rights and messages are the API's.
/// </summary>
public sealed class RecordModel(IQuerySession session, IdentityVault vault, TimeProvider clock, ApiRelay relay, RuleSet rules) : LedgerPageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "recorded")] public string? Recorded { get; set; }

    public TravellerView Traveller { get; private set; } = null!;
    public CrossingsView Crossings { get; private set; } = null!;
    public StayStatusView Status { get; private set; } = null!;
    public VisasView Visas { get; private set; } = new(Guid.Empty, default, null, [], [], []);
    public IReadOnlyList<PermitRecorded> Permits { get; private set; } = [];
    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];
    public IReadOnlyList<EventView>? Events { get; private set; }
    public string? EventsRefused { get; private set; }

    /// <summary>Each rule in words for this reader (as on the traveller page).</summary>
    public IReadOnlyList<Ledger.Pages.Travellers.RegimeSummary> Regimes { get; private set; } = [];

    /// <summary>The forms this principal may use here (decided by the API's rights checks).</summary>
    public IReadOnlyList<CaseForm> Forms { get; private set; } = [];

    /// <summary>The form that was posted and refused, with the API's answer and what was typed.</summary>
    public string? FailedForm { get; private set; }
    public RelayAnswer? Answer { get; private set; }
    public IFormCollection? Typed { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(() => LoadAsync(ct));

    public Task<IActionResult> OnPostCrossingAsync(CancellationToken ct) => PostAsync("Crossing", ct);
    public Task<IActionResult> OnPostVisaAsync(CancellationToken ct) => PostAsync("Visa", ct);
    public Task<IActionResult> OnPostIncidentAsync(CancellationToken ct) => PostAsync("Incident", ct);
    public Task<IActionResult> OnPostCorrectionAsync(CancellationToken ct) => PostAsync("Correction", ct);

    /// <summary>
    /// Relays the form to its API route as the same principal; a refusal is shown with the API's own messages. A form
    /// this principal is not offered is not relayed: the page answers the API's refusal itself.
    /// </summary>
    private async Task<IActionResult> PostAsync(string handler, CancellationToken ct)
    {
        var page = await ReadAsync(() => LoadAsync(ct));
        if (Refusal is not null) return page;
        if (Forms.FirstOrDefault(f => f.Handler == handler) is not { } form)
        {
            Refuse(LedgerProblem.Forbidden("this token may not make this record's changes"));
            return page;
        }
        RelayAnswer answer;
        var route = form.Route;
        if (route.Contains("{crossingId}", StringComparison.Ordinal))
        {
            var crossingId = Request.Form["crossingId"].ToString();
            if (string.IsNullOrEmpty(crossingId))
            {
                (FailedForm, Answer, Typed) = (form.Handler, new RelayAnswer(StatusCodes.Status400BadRequest, "Choose the crossing to correct or void.",
                    new Dictionary<string, string[]> { ["crossingId"] = ["Choose the crossing to correct or void"] }), Request.Form);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return page;
            }
            route = route.Replace("{crossingId}", Uri.EscapeDataString(crossingId), StringComparison.Ordinal);
        }
        answer = await relay.PostAsync(HttpContext, $"/travellers/{Id}/{route}", form.Body(Request.Form), ct);
        if (answer.Succeeded)
            return LocalRedirect($"{PageSetup.Root}/caseworker/travellers/{Id}?recorded={form.Anchor}#{form.Anchor}");
        (FailedForm, Answer, Typed) = (form.Handler, answer, Request.Form);
        Response.StatusCode = answer.Status;
        return page;
    }

    /// <summary>"the crossing", "the correction": what a success notice names.</summary>
    public static string RecordedWords(string? anchor) => anchor switch
    {
        "correction" => "The correction is on the record.",
        "crossing" => "The crossing is on the record.",
        "visa" => "The visa is on the record.",
        "incident" => "The incident is on the record.",
        _ => "Recorded.",
    };

    /// <summary>Every message of the refused form, each with the input it is about (null: the form as a whole).</summary>
    public IReadOnlyList<(string? InputId, string Message)> Problems()
    {
        if (FailedForm is null || Answer is null || Forms.FirstOrDefault(f => f.Handler == FailedForm) is not { } form) return [];
        var list = new List<(string?, string)>();
        foreach (var (key, messages) in Answer.Errors)
        {
            var field = form.Fields.FirstOrDefault(f => string.Equals(f.Name, key.TrimStart('$', '.'), StringComparison.OrdinalIgnoreCase));
            foreach (var m in messages) list.Add((field?.InputId(form.Handler) ?? form.Fields[0].InputId(form.Handler), m));
        }
        if (list.Count == 0) list.Add((null, Answer.Detail ?? $"The service answered {Answer.Status}."));
        return list;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Traveller = await GetTravellerEndpoint.Get(Id, session, vault, HttpContext, ct);
        Crossings = await ListCrossingsEndpoint.Get(Id, session, rules, HttpContext, ct);
        Status = await StayStatusEndpoint.Get(Id, null, null, null, session, rules, clock, HttpContext, ct);
        Regimes = await Ledger.Pages.Travellers.TravellerPage.SummariesAsync(Id, Status.Regimes, Status.On, IsSelf(Id), session, ct);
        Forms = CaseForms.For(Caller, Id, Crossings.Crossings);
        Visas = await GetVisasEndpoint.Get(Id, null, null, session, rules, clock, HttpContext, ct);
        Permits = await GetPermitsEndpoint.Get(Id, session, HttpContext, ct);
        Incidents = await GetIncidentsEndpoint.Get(Id, session, vault, HttpContext, ct);
        try
        {
            Events = await TravellerEventsEndpoint.Get(Id, session, HttpContext, ct);
        }
        catch (LedgerProblem refused) when (refused.Status == StatusCodes.Status403Forbidden)
        {
            EventsRefused = refused.Message;
        }
    }

    public static string DataOf(EventView e) => JsonSerializer.Serialize(e.Data, e.Data.GetType(), LedgerJson.Options);

    public string? Value(string field) => Typed?[field].ToString();

    public IReadOnlyList<string> ErrorsOf(CaseForm form, string field) =>
        FailedForm == form.Handler && Answer is not null
            ? Answer.Errors.Where(e => string.Equals(e.Key.TrimStart('$', '.'), field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList()
            : [];
}
