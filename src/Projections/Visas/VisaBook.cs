using System.Text.Json.Serialization;

namespace Ledger.Projections.Visas;

/// <summary>
/// The ending a state recorded on a visa: none (Valid), revoked or annulled. What a visa's status is on a given day
/// (not yet valid, expired, entries used, ...) is derived from this and the dates, never stored: see <see cref="VisaStanding"/>.
/// (The name is the stored one: snapshots written before hold it as "Status".)
/// </summary>
public enum VisaStatus { Valid, Revoked, Annulled }

public sealed record Visa(
    string VisaId, string? ApplicationId, string IssuingState, [property: JsonConverter(typeof(VisaTypeCode))] string Type, VisaEntries Entries,
    DateOnly ValidFrom, DateOnly ValidUntil, int DurationDays, DateOnly IssuedOn, VisaStatus Status, DateOnly? EndedOn, string? EndReason);

/// <summary>
/// An application and where it stands: <c>pending</c>, <c>issued</c>, <c>refused</c> or <c>withdrawn</c> (on
/// <c>DecidedOn</c>; <c>VisaId</c> for an issued one). <c>ApplicationRecorded</c> is false when the ledger learnt of
/// the application only from its decision (null in snapshots written before this was recorded: those were recorded).
/// </summary>
public sealed record VisaApplication(
    string ApplicationId, string State, [property: JsonConverter(typeof(VisaTypeCode))] string Type, DateOnly Date, string Outcome,
    DateOnly? DecidedOn = null, string? VisaId = null, bool? ApplicationRecorded = null)
{
    public const string Pending = "pending", Issued = "issued", Refused = "refused", Withdrawn = "withdrawn";

    /// <summary>"issued on 2025-01-20 (visa 'V1')": the earlier decision, as a conflict names it (for messages; not stored).</summary>
    [JsonIgnore]
    public string Decision => Outcome switch
    {
        Issued => $"issued on {DecidedOn:yyyy-MM-dd} (visa '{VisaId}')",
        _ => $"{Outcome} on {DecidedOn:yyyy-MM-dd}",
    };
}

/// <summary>A visa's validity and permitted duration at one time (see <see cref="VisaBook.TermsAsIssued"/>).</summary>
public sealed record VisaTerms(DateOnly ValidUntil, int DurationDays);

public sealed record Refusal(string? ApplicationId, string State, DateOnly Date, string Ground);

/// <summary>
/// A traveller's visa history as it now stands: applications (with their outcome), visas, refusals. Voided facts
/// leave it (a void is the inverse of the fact it names, so the view is as if the fact had never been recorded);
/// <c>Voided</c> lists them as "application:ID", "refusal:ID", "withdrawal:ID", "issue:VISA-ID".
/// </summary>
public sealed record VisaBook(
    IReadOnlyList<VisaApplication> Applications, IReadOnlyList<Visa> Visas, IReadOnlyList<Refusal> Refusals,
    IReadOnlyList<string>? Voided = null)
{
    public static readonly VisaBook Empty = new([], [], [], []);

    /// <summary>
    /// The validity and duration an extended visa had when it was issued, by visa id (only extended visas have one).
    /// A resent issue is compared with the visa as issued, not as extended since. Null in snapshots stored before.
    /// </summary>
    public IReadOnlyDictionary<string, VisaTerms>? TermsAsIssued { get; init; }

    /// <summary>The extensions recorded, in order, so a resent extension is recognised after a later one. Null in snapshots stored before.</summary>
    public IReadOnlyList<VisaExtended>? Extensions { get; init; }

    public Visa? Find(string visaId) => Visas.FirstOrDefault(v => v.VisaId == visaId);

    /// <summary>The visa as its issue recorded it: later extensions undone (revocations are not part of an issue).</summary>
    public Visa? AsIssued(string visaId) =>
        Find(visaId) is { } visa && TermsAsIssued?.GetValueOrDefault(visaId) is { } terms
            ? visa with { ValidUntil = terms.ValidUntil, DurationDays = terms.DurationDays }
            : Find(visaId);

    public VisaApplication? Application(string? applicationId) =>
        applicationId is null ? null : Applications.FirstOrDefault(a => a.ApplicationId == applicationId);

    public Refusal? RefusalOf(string applicationId) => Refusals.FirstOrDefault(r => r.ApplicationId == applicationId);

    public bool WasVoided(VisaRecordKind record, string id) => (Voided ?? []).Contains(Key(record, id));

    public VisaBook Apply(VisaApplied e) =>
        this with { Applications = [.. Applications, new VisaApplication(e.ApplicationId, e.State, e.Type, e.Date, VisaApplication.Pending, ApplicationRecorded: true)] };

    public VisaBook Apply(VisaIssued e) => this with
    {
        Visas = [.. Visas, new Visa(e.VisaId, e.ApplicationId, e.IssuingState, e.Type, e.Entries, e.ValidFrom, e.ValidUntil,
            e.DurationDays, e.IssuedOn, VisaStatus.Valid, null, null)],
        Applications = Decide(e.ApplicationId, e.IssuingState, e.Application, a => a with
        {
            Outcome = VisaApplication.Issued, DecidedOn = e.IssuedOn, VisaId = e.VisaId,
        }),
    };

    public VisaBook Apply(VisaRefused e) => this with
    {
        Refusals = [.. Refusals, new Refusal(e.ApplicationId, e.State, e.Date, e.Ground)],
        Applications = Decide(e.ApplicationId, e.State, e.Application, a => a with { Outcome = VisaApplication.Refused, DecidedOn = e.Date }),
    };

    public VisaBook Apply(VisaApplicationWithdrawn e) => this with
    {
        Applications = Decide(e.ApplicationId, null, null, a => a with { Outcome = VisaApplication.Withdrawn, DecidedOn = e.Date }),
    };

    public VisaBook Apply(VisaRevoked e) => Update(e.VisaId, v => v with
    {
        Status = e.Kind == VisaEnding.Annulled ? VisaStatus.Annulled : VisaStatus.Revoked, EndedOn = e.Date, EndReason = e.Reason,
    });

    public VisaBook Apply(VisaExtended e) => Find(e.VisaId) is not { } visa ? this : Update(e.VisaId, v => v with { ValidUntil = e.ValidUntil, DurationDays = e.DurationDays }) with
    {
        TermsAsIssued = TermsAsIssued?.ContainsKey(e.VisaId) == true
            ? TermsAsIssued
            : new Dictionary<string, VisaTerms>(TermsAsIssued ?? new Dictionary<string, VisaTerms>()) { [e.VisaId] = new(visa.ValidUntil, visa.DurationDays) },
        Extensions = [.. Extensions ?? [], e],
    };

    /// <summary>Takes the named fact back out of the view; an application carried by a voided decision goes with it.</summary>
    public VisaBook Apply(VisaRecordVoided e)
    {
        var book = this with { Voided = [.. Voided ?? [], Key(e.Record, e.RecordId)] };
        return e.Record switch
        {
            VisaRecordKind.Application => book with { Applications = Applications.Where(a => a.ApplicationId != e.RecordId).ToList() },
            VisaRecordKind.Withdrawal => book with { Applications = Reopen(e.RecordId) },
            VisaRecordKind.Refusal => book with
            {
                Refusals = Refusals.Where(r => r.ApplicationId != e.RecordId).ToList(),
                Applications = Reopen(e.RecordId),
            },
            VisaRecordKind.Issue => Find(e.RecordId) is { } visa
                ? book with
                {
                    Visas = Visas.Where(v => v.VisaId != e.RecordId).ToList(), Applications = Reopen(visa.ApplicationId),
                    TermsAsIssued = TermsAsIssued?.Where(t => t.Key != e.RecordId).ToDictionary(),
                    Extensions = Extensions?.Where(x => x.VisaId != e.RecordId).ToList(),
                }
                : book,
            _ => book,
        };
    }

    public static string Key(VisaRecordKind record, string id) => $"{record.ToString().ToLowerInvariant()}:{id}";

    /// <summary>The application back to pending, or gone when only its (voided) decision had recorded it.</summary>
    private IReadOnlyList<VisaApplication> Reopen(string? applicationId) => Applications
        .Where(a => !(a.ApplicationId == applicationId && a.ApplicationRecorded == false))
        .Select(a => a.ApplicationId == applicationId ? a with { Outcome = VisaApplication.Pending, DecidedOn = null, VisaId = null } : a)
        .ToList();

    /// <summary>Decides the named application; one the ledger did not hold is recorded from the facts the decision carries.</summary>
    private IReadOnlyList<VisaApplication> Decide(string? applicationId, string? state, ApplicationFacts? carried, Func<VisaApplication, VisaApplication> decide)
    {
        if (applicationId is null) return Applications;
        if (Application(applicationId) is null && carried is not null && state is not null)
            return [.. Applications, decide(new VisaApplication(applicationId, state, carried.Type, carried.Date, VisaApplication.Pending, ApplicationRecorded: false))];
        return Applications.Select(a => a.ApplicationId == applicationId ? decide(a) : a).ToList();
    }

    private VisaBook Update(string visaId, Func<Visa, Visa> change) =>
        this with { Visas = Visas.Select(v => v.VisaId == visaId ? change(v) : v).ToList() };
}
