namespace Ledger.Projections.Visas;

public enum VisaStatus { Valid, Revoked, Annulled }

public sealed record Visa(
    string VisaId, string? ApplicationId, string IssuingState, VisaType Type, VisaEntries Entries, DateOnly ValidFrom,
    DateOnly ValidUntil, int DurationDays, DateOnly IssuedOn, VisaStatus Status, DateOnly? EndedOn, string? EndReason);

public sealed record VisaApplication(string ApplicationId, string State, VisaType Type, DateOnly Date, string Outcome);

public sealed record Refusal(string? ApplicationId, string State, DateOnly Date, string Ground);

/// <summary>A traveller's visa history as it now stands: applications, visas (with their current status), refusals.</summary>
public sealed record VisaBook(IReadOnlyList<VisaApplication> Applications, IReadOnlyList<Visa> Visas, IReadOnlyList<Refusal> Refusals)
{
    public static readonly VisaBook Empty = new([], [], []);

    public Visa? Find(string visaId) => Visas.FirstOrDefault(v => v.VisaId == visaId);

    public VisaBook Apply(VisaApplied e) =>
        this with { Applications = [.. Applications, new VisaApplication(e.ApplicationId, e.State, e.Type, e.Date, "pending")] };

    public VisaBook Apply(VisaIssued e) => this with
    {
        Visas = [.. Visas, new Visa(e.VisaId, e.ApplicationId, e.IssuingState, e.Type, e.Entries, e.ValidFrom, e.ValidUntil,
            e.DurationDays, e.IssuedOn, VisaStatus.Valid, null, null)],
        Applications = Decide(e.ApplicationId, "issued"),
    };

    public VisaBook Apply(VisaRefused e) => this with
    {
        Refusals = [.. Refusals, new Refusal(e.ApplicationId, e.State, e.Date, e.Ground)],
        Applications = Decide(e.ApplicationId, "refused"),
    };

    public VisaBook Apply(VisaRevoked e) => Update(e.VisaId, v => v with
    {
        Status = e.Kind == VisaEnding.Annulled ? VisaStatus.Annulled : VisaStatus.Revoked, EndedOn = e.Date, EndReason = e.Reason,
    });

    public VisaBook Apply(VisaExtended e) => Update(e.VisaId, v => v with { ValidUntil = e.ValidUntil, DurationDays = e.DurationDays });

    private IReadOnlyList<VisaApplication> Decide(string? applicationId, string outcome) =>
        Applications.Select(a => a.ApplicationId == applicationId ? a with { Outcome = outcome } : a).ToList();

    private VisaBook Update(string visaId, Func<Visa, Visa> change) =>
        this with { Visas = Visas.Select(v => v.VisaId == visaId ? change(v) : v).ToList() };
}
