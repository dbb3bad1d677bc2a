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

namespace Ledger.Pages.Caseworker;

/// <summary>
/// <c>/app/caseworker/travellers/{id}</c>: the full record (identity, crossings with their stays and anomalies,
/// status, visas, permits, incidents), the event history with who recorded what (for the principals the API shows it
/// to: auditors and admins), and forms that post through the API's own routes (<see cref="ApiRelay"/>), so their
/// validation, rights and messages are the API's.
/// </summary>
public sealed class RecordModel(IQuerySession session, IdentityVault vault, TimeProvider clock, ApiRelay relay) : LedgerPageModel
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

    /// <summary>The form that was posted and refused, with the API's answer and what was typed.</summary>
    public string? FailedForm { get; private set; }
    public RelayAnswer? Answer { get; private set; }
    public IFormCollection? Typed { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(() => LoadAsync(ct));

    public Task<IActionResult> OnPostCrossingAsync(CancellationToken ct) => PostAsync(CaseForms.Crossing, ct);
    public Task<IActionResult> OnPostVisaAsync(CancellationToken ct) => PostAsync(CaseForms.Visa, ct);
    public Task<IActionResult> OnPostIncidentAsync(CancellationToken ct) => PostAsync(CaseForms.Incident, ct);

    private async Task<IActionResult> PostAsync(CaseForm form, CancellationToken ct)
    {
        var answer = await relay.PostAsync(HttpContext, $"/travellers/{Id}/{form.Route}", form.Body(Request.Form), ct);
        if (answer.Succeeded)
            return LocalRedirect($"{PageSetup.Root}/caseworker/travellers/{Id}?recorded={form.Handler.ToLowerInvariant()}#{form.Handler.ToLowerInvariant()}");
        (FailedForm, Answer, Typed) = (form.Handler, answer, Request.Form);
        var page = await ReadAsync(() => LoadAsync(ct));
        if (Refusal is null) Response.StatusCode = answer.Status;
        return page;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Traveller = await GetTravellerEndpoint.Get(Id, session, vault, HttpContext, ct);
        Crossings = await ListCrossingsEndpoint.Get(Id, session, HttpContext, ct);
        Status = await StayStatusEndpoint.Get(Id, null, null, null, session, clock, HttpContext, ct);
        Visas = await GetVisasEndpoint.Get(Id, null, null, session, clock, HttpContext, ct);
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
        FailedForm == form.Handler && Answer?.Errors.TryGetValue(field, out var messages) == true ? messages : [];
}
