using Ledger.Access;
using Ledger.Projections.Crossings;
using Ledger.Projections.Incidents;
using Ledger.Projections.Sharing;
using Ledger.Projections.StayRules;
using Ledger.Sharing;
using Ledger.Travellers;
using Ledger.TravelAuthorisations;
using Marten;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.History;

/// <summary>One stay in a country: its dates, its length, and the crossings it was paired from.</summary>
public sealed record Visit(string Country, DateOnly Entry, DateOnly? Exit, int Days, IReadOnlyList<string> CrossingIds);

/// <summary>
/// What one requesting state would see (the shared-records view), as record ids by kind; <see cref="Reason"/> when it
/// would see nothing (as the shared-records view says it).
/// </summary>
public sealed record StateView(string State, IReadOnlyList<string> Visas, IReadOnlyList<string> VisaApplications, IReadOnlyList<string> VisaRefusals,
    IReadOnlyList<string> Crossings, IReadOnlyList<string> Permits, IReadOnlyList<string> Incidents, string? Reason,
    IReadOnlyList<string> TravelAuthorisations, IReadOnlyList<string> TravelAuthorisationRefusals);

/// <summary>
/// The facts a visa application form asks about, from the record, each with the ids behind it. Facts only: no score,
/// no prediction, no advice. <see cref="Statement"/> says so in plain words.
/// </summary>
public sealed record HistorySummaryView(
    Guid TravellerId, DateOnly From, DateOnly To, int Years, string Statement,
    IReadOnlyList<Visit> Visits, IReadOnlyList<Ledger.Projections.Visas.Visa> VisasHeld,
    IReadOnlyList<Ledger.Projections.Visas.VisaApplication> VisaApplications, IReadOnlyList<Ledger.Projections.Visas.Refusal> VisaRefusals,
    IReadOnlyList<Incident> EntryRefusals, IReadOnlyList<Incident> Overstays, IReadOnlyList<Violation> UnlawfulPeriods,
    IReadOnlyList<Incident> Removals, IReadOnlyList<Incident> Arrests, IReadOnlyList<Incident> OtherIncidents,
    IReadOnlyList<StateView> WhatStatesSee, string FormQuestions,
    IReadOnlyList<AuthorisationEvent>? TravelAuthorisationRefusals = null, IReadOnlyList<AuthorisationEvent>? TravelAuthorisationRevocations = null);

public static class HistorySummaryEndpoint
{
    public const int MaxYears = 50;

    public const string Statement =
        "These are the facts this ledger holds about the period, with the record ids behind each, so that you can check them. "
        + "They are not an assessment and not advice. Each application form asks its own questions in its own words, and you must "
        + "read and answer each question yourself, including about anything this ledger does not hold.";

    /// <summary>Why no form's questions are quoted here (see docs/records.md, "The history for a visa application": only from an official source, with its reference).</summary>
    public const string FormQuestions =
        "No form's questions are mapped: the official wording of the US DS-160, the UK visitor application, Canada's IMM 5257 and the "
        + "Schengen harmonised form could not be quoted from an official source, so none is paraphrased here.";

    /// <summary>The states a summary shows side by side: the Five Eyes and every Schengen member in sharing.json.</summary>
    public static IReadOnlyList<string> States => SharingRules.Default.Arrangements.SelectMany(a => a.Members).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary><c>GET /travellers/{id}/history-summary?years=10</c> (1 to 50 years back from today).</summary>
    [WolverineGet("/travellers/{id}/history-summary")]
    public static async Task<HistorySummaryView> Get(Guid id, string? years, IQuerySession session, RuleSet rules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayRead(id);
        var span = 10;
        if (!string.IsNullOrEmpty(years) && (!int.TryParse(years, out span) || span < 1 || span > MaxYears))
            throw LedgerProblem.BadRequest($"years must be a whole number from 1 to {MaxYears}");
        var to = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = to.AddYears(-span);
        bool InPeriod(DateOnly day) => day >= from && day <= to;

        var traveller = await TravellerReads.LoadAsync(session, id, null, ct);
        var authorisations = traveller.Authorisations;
        var records = traveller.Records(rules);
        var crossings = traveller.Crossings.Current;
        var visits = records.History.Stays
            .Where(s => (s.Exit ?? to) >= from && s.Entry <= to)
            .OrderBy(s => s.Entry)
            .Select(s => new Visit(s.Country, s.Entry, s.Exit, (s.Exit ?? to).DayNumber - s.Entry.DayNumber + 1,
                crossings.Where(c => c.Country == s.Country && ((c.Direction == Direction.Entry && c.Date == s.Entry) || (c.Direction == Direction.Exit && c.Date == s.Exit)))
                    .Select(c => c.CrossingId).ToList()))
            .ToList();
        var incidents = traveller.Incidents.Visible.Where(i => InPeriod(i.Date)).ToList();
        List<Incident> Of(params IncidentCategory[] categories) => incidents.Where(i => categories.Contains(i.Category)).ToList();
        var unlawful = rules.Regimes
            .SelectMany(r => new StayRuleEngine(r).Prepare(records.History, to).Violations)
            .Where(v => v.To >= from && v.From <= to).ToList();

        var states = new List<StateView>();
        foreach (var state in States)
        {
            var seen = await SharedRecordsEndpoint.Get(id, state, session, rules, clock, http, ct);
            states.Add(new StateView(state, seen.Visas.Select(v => v.Record.VisaId).ToList(),
                seen.VisaApplications.Select(a => a.Record.ApplicationId).ToList(),
                seen.VisaRefusals.Select(r => r.Record.ApplicationId ?? $"{r.Record.State} {r.Record.Date:yyyy-MM-dd}").ToList(),
                seen.Crossings.Select(c => c.Record.CrossingId).ToList(), seen.Permits.Select(p => p.Record.PermitId).ToList(),
                seen.Incidents.Select(i => i.Record.IncidentId).ToList(), seen.Reason,
                seen.TravelAuthorisations.Select(a => a.Record.AuthorisationId).ToList(), seen.TravelAuthorisationRefusals.Select(a => a.Record.AuthorisationId).ToList()));
        }
        // The summary reads the whole record; it is logged as that, not as the last state's view.
        http.Items.Remove(Ledger.AccessLog.RecordAccess.RequesterItem);

        return new HistorySummaryView(id, from, to, span, Statement, visits,
            traveller.Visas.Visas.Where(v => v.ValidUntil >= from && v.IssuedOn <= to).ToList(),
            traveller.Visas.Applications.Where(a => InPeriod(a.Date)).ToList(),
            traveller.Visas.Refusals.Where(r => InPeriod(r.Date)).ToList(),
            Of(IncidentCategory.RefusalOfEntry), Of(IncidentCategory.Overstay), unlawful,
            Of(IncidentCategory.Removal), Of(IncidentCategory.Arrest),
            incidents.Where(i => i.Category is not (IncidentCategory.RefusalOfEntry or IncidentCategory.Overstay or IncidentCategory.Removal or IncidentCategory.Arrest)).ToList(),
            states, FormQuestions,
            AuthorisationSharing.Refusals(authorisations).Where(a => InPeriod(a.Date)).ToList(),
            AuthorisationSharing.Revocations(authorisations).Where(a => InPeriod(a.Date)).ToList());
    }
}
