namespace Ledger.Projections.Plans;

/// <summary>A stored plan and whether it was cancelled (on which day).</summary>
public sealed record Plan(PlanRecorded Recorded, DateOnly? CancelledOn)
{
    public string PlanId => Recorded.PlanId;
    public bool Active => CancelledOn is null;
}

/// <summary>A traveller's planned trips, in the order they were recorded.</summary>
public sealed record PlanBook(IReadOnlyList<Plan> Plans)
{
    public static readonly PlanBook Empty = new([]);

    public Plan? Find(string planId) => Plans.FirstOrDefault(p => p.PlanId == planId);

    public IEnumerable<Plan> Active => Plans.Where(p => p.Active);

    /// <summary>The same book with one plan's note opened (null when it was erased): what a resend is compared with. Never stored.</summary>
    public PlanBook WithOpenedNote(string planId, string? note) =>
        new(Plans.Select(p => p.PlanId == planId ? p with { Recorded = p.Recorded with { Note = note, SealedNote = null } } : p).ToList());

    public PlanBook Apply(PlanRecorded e) => Find(e.PlanId) is null ? new([.. Plans, new Plan(e, null)]) : this;

    public PlanBook Apply(PlanCancelled e) =>
        new(Plans.Select(p => p.PlanId == e.PlanId && p.Active ? p with { CancelledOn = e.CancelledOn } : p).ToList());
}
