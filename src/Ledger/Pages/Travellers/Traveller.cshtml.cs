using Ledger.Projections.StayRules;
using Ledger.Alerts;
using Ledger.Crossings;
using Ledger.Projections.Warnings;
using Ledger.Incidents;
using Ledger.Permits;
using Ledger.Projections.Incidents;
using Ledger.Projections.Permits;
using Ledger.Projections.Sharing;
using Ledger.Projections.Visas;
using Ledger.Sharing;
using Ledger.Stays;
using Ledger.Travellers;
using Ledger.Visas;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Ledger.Problems;

namespace Ledger.Pages.Travellers;

/// <summary>
/// <c>/app/travellers/{id}</c>: the traveller's own page. Every part is read through the API's own endpoint method
/// (identity, status, visas, permits, incidents, shared records, alerts), so a traveller sees only their own record
/// and the figures are the API's.
/// </summary>
public sealed class TravellerModel(IQuerySession session, IdentityVault vault, TimeProvider clock, RuleSet rules) : LedgerPageModel
{
    /// <summary>The requesting states shown side by side unless <c>?states=</c> names others: the Five Eyes and two Schengen states.</summary>
    public static readonly IReadOnlyList<string> DefaultStates = ["US", "GB", "CA", "AU", "NZ", "FR", "DE"];

    /// <summary>The rules in force, which name the regimes the warnings are about.</summary>
    public RuleSet Rules => rules;

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "states")] public string? States { get; set; }

    public TravellerView Traveller { get; private set; } = null!;
    public StayStatusView Status { get; private set; } = null!;
    public IReadOnlyList<RegimeSummary> Regimes { get; private set; } = [];
    public VisasView Visas { get; private set; } = new(Guid.Empty, default, null, [], [], []);
    public IReadOnlyList<PermitRecorded> Permits { get; private set; } = [];
    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];
    public IReadOnlyList<SharedRecordsView> Shared { get; private set; } = [];
    public IReadOnlyList<AlertView> Alerts { get; private set; } = [];
    public CrossingsView Crossings { get; private set; } = new(Guid.Empty, [], [], []);

    /// <summary>Each presence goal whose starting permission the traveller holds today, counted on today's date.</summary>
    public IReadOnlyList<(Ledger.Projections.Presence.PresenceGoal Goal, Ledger.Projections.Presence.PresenceAnswer Answer)> Residence { get; private set; } = [];

    /// <summary>Goals whose starting permission is applied for and not yet decided: what will count once it is granted.</summary>
    public IReadOnlyList<(Ledger.Projections.Presence.PresenceGoal Goal, Ledger.Projections.Presence.PresenceAnswer Answer, Ledger.Projections.Visas.VisaApplication Application)> ResidenceOnceGranted { get; private set; } = [];

    /// <summary>The ledger's warnings, each once: the feed has an entry when one is issued and another when it is withdrawn.</summary>
    public IReadOnlyList<WarningLine> Warnings => Alerts.GroupBy(a => a.Id)
        .Select(g => new WarningLine(g.First().Warning, g.First().IssuedAt, g.Select(a => a.Withdrawal).LastOrDefault(w => w is not null)))
        .OrderByDescending(w => w.Withdrawal is null).ThenByDescending(w => w.IssuedAt).ToList();

    /// <summary>"Your" for the traveller themself, "This traveller's" for anyone else.</summary>
    public string Your => IsSelf(Id) ? "Your" : "This traveller's";

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ReadAsync(async () =>
    {
        Traveller = await GetTravellerEndpoint.Get(Id, session, vault, HttpContext, ct);
        Status = await StayStatusEndpoint.Get(Id, null, null, null, session, rules, clock, HttpContext, ct);
        Regimes = await TravellerPage.SummariesAsync(Id, Status.Regimes, Status.On, IsSelf(Id), session, rules, ct);
        Crossings = await ListCrossingsEndpoint.Get(Id, session, rules, HttpContext, ct);
        Visas = await GetVisasEndpoint.Get(Id, null, null, session, rules, clock, HttpContext, ct);
        Permits = await GetPermitsEndpoint.Get(Id, session, HttpContext, ct);
        Incidents = await GetIncidentsEndpoint.Get(Id, session, vault, HttpContext, ct);
        Residence = await ResidenceAsync(ct);
        ResidenceOnceGranted = await ResidenceOnceGrantedAsync(ct);
        // Each state by its code or its name ("GB", "United Kingdom").
        var states = (States ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(10)
            .Select(s => Ledger.Itineraries.CountryNames.CodeOf(s)!).ToList();
        var shared = new List<SharedRecordsView>();
        foreach (var state in states.Count > 0 ? states : DefaultStates)
            shared.Add(await SharedRecordsEndpoint.Get(Id, state, session, rules, clock, HttpContext, ct));
        Shared = shared;
        // The page reads the whole record; the access log names its route, not the last state asked about.
        HttpContext.Items.Remove(Ledger.AccessLog.RecordAccess.RequesterItem);
        try
        {
            Alerts = (await AlertsFeedEndpoint.Get(null, Id.ToString(), AlertsFeedEndpoint.MaxPage.ToString(), session, HttpContext, ct)).Alerts;
        }
        catch (LedgerProblem)
        {
            Alerts = []; // a reader without the alert feed still sees the warnings the status itself gives
        }
    });

    /// <summary>The goals of "Residence and citizenship": read with the same rights as the status above (already checked).</summary>
    private async Task<IReadOnlyList<(Ledger.Projections.Presence.PresenceGoal, Ledger.Projections.Presence.PresenceAnswer)>> ResidenceAsync(CancellationToken ct)
    {
        var traveller = await TravellerReads.LoadAsync(session, Id, null, ct);
        return Ledger.Presence.PresenceRecords.GoalsHeld(traveller, Status.On, rules)
            .Select(g => (g, Ledger.Projections.Presence.PresenceCalculator.Answer(g, Ledger.Presence.PresenceRecords.For(traveller, g, rules), Status.On)))
            .ToList();
    }

    /// <summary>The goals whose permission is only applied for: read with the same rights as the status above (already checked).</summary>
    private async Task<IReadOnlyList<(Ledger.Projections.Presence.PresenceGoal, Ledger.Projections.Presence.PresenceAnswer, Ledger.Projections.Visas.VisaApplication)>> ResidenceOnceGrantedAsync(CancellationToken ct)
    {
        var traveller = await TravellerReads.LoadAsync(session, Id, null, ct);
        return Ledger.Presence.PresenceRecords.GoalsAppliedFor(traveller, Status.On, rules)
            .Select(x => (x.Goal, Ledger.Projections.Presence.PresenceCalculator.Answer(x.Goal, Ledger.Presence.PresenceRecords.For(traveller, x.Goal, rules), Status.On), x.Application))
            .ToList();
    }

    /// <summary>
    /// A goal whose permission is only applied for, in plain words: the application is not decided; once it is granted,
    /// what the days counted today would give, and how long the permission must then be held.
    /// </summary>
    public static string OnceGranted(Ledger.Projections.Presence.PresenceGoal goal, Ledger.Projections.Presence.PresenceAnswer a, Ledger.Projections.Visas.VisaApplication application)
    {
        var words = $"The application made to {Rendering.Words.Country(application.State)} on {Rendering.Words.Long(application.Date)} is not decided yet, so this does not count yet. Once it is granted: ";
        var unmet = a.Parts.Where(p => !p.Met).ToList();
        words += unmet.Count == 0
            ? "the days counted so far are within every limit"
            : string.Join("; ", unmet.Select(p => p.Unit == Ledger.Projections.Presence.PresenceUnit.DaysPresent ? $"{p.Shortfall} days short" : $"{p.Shortfall} days too many away"));
        if (a.Permission.HeldForRequired is { } held) words += $", and the permission must then have been held for {held}";
        return words + ".";
    }

    /// <summary>A goal's answer in one plain sentence: met or not, by how much, and the date that matters next.</summary>
    public static string Plainly(Ledger.Projections.Presence.PresenceGoal goal, Ledger.Projections.Presence.PresenceAnswer a)
    {
        var where = Rendering.Words.Country(goal.State);
        var words = a.Determination switch
        {
            Ledger.Projections.Presence.PresenceDetermination.Met => "Met today.",
            Ledger.Projections.Presence.PresenceDetermination.Undetermined => "Cannot be decided yet: some days in the records are uncertain.",
            _ when !a.Permission.HeldLongEnough => $"Not met today: the permission must have been held for {a.Permission.HeldForRequired}.",
            _ => $"Not met today: {string.Join("; ", a.Parts.Where(p => !p.Met).Select(p => p.Unit == Ledger.Projections.Presence.PresenceUnit.DaysPresent ? $"{p.Shortfall} days short" : $"{p.Shortfall} days too many away"))}.",
        };
        if (a.Determination != Ledger.Projections.Presence.PresenceDetermination.Met && a.EarliestDateMet is { } earliest)
            words += $" Staying in {where}, it is met on {Rendering.Words.Long(earliest)}.";
        if (a.LatestReturnDate is { } back) words += $" To keep it, be back in {where} by {Rendering.Words.Long(back)}.";
        return words;
    }

    /// <summary>The crossings behind a stay (its entry and exit), for the stay's source.</summary>
    public string StaySource(Ledger.Projections.StayRules.Stay stay)
    {
        var entry = Crossings.Crossings.FirstOrDefault(c => c.Direction == Ledger.Projections.Crossings.Direction.Entry && c.Country == stay.Country && c.Date == stay.Entry);
        var exit = stay.Exit is { } x ? Crossings.Crossings.FirstOrDefault(c => c.Direction == Ledger.Projections.Crossings.Direction.Exit && c.Country == stay.Country && c.Date == x) : null;
        var parts = new List<string>();
        if (entry is not null) parts.Add("entry: " + Rendering.Words.Source(entry.Source));
        if (exit is not null) parts.Add("exit: " + Rendering.Words.Source(exit.Source));
        return parts.Count == 0 ? "derived from other crossings" : string.Join("; ", parts);
    }

    public static string Held(SharedRecordsView view) =>
        view.Visas.Count + view.VisaApplications.Count + view.VisaRefusals.Count + view.TravelAuthorisations.Count + view.TravelAuthorisationRefusals.Count + view.Crossings.Count + view.Permits.Count + view.Incidents.Count is var n && n == 0
            ? "nothing" : $"{n} records";

    /// <summary>One warning the ledger issued, with its withdrawal when it was taken back.</summary>
    public sealed record WarningLine(WarningIssued Warning, DateTimeOffset IssuedAt, WarningWithdrawal? Withdrawal);

    public static string Arrangements => string.Join("; ", SharingRules.Default.Arrangements.Select(a => $"{a.Name} ({a.Source})"));
}
