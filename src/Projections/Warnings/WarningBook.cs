namespace Ledger.Projections.Warnings;

/// <summary>The warnings issued to a traveller, with the facts they rested on, and those withdrawn since.</summary>
public sealed record WarningBook(IReadOnlyList<WarningIssued> Issued, IReadOnlyList<string> Withdrawn)
{
    public static readonly WarningBook Empty = new([], []);

    /// <summary>Issued and not withdrawn.</summary>
    public IEnumerable<WarningIssued> Standing => Issued.Where(w => !Withdrawn.Contains(w.WarningId));

    public bool WasIssued(string warningId) => Issued.Any(w => w.WarningId == warningId);

    public WarningBook Apply(WarningIssued e) => this with { Issued = [.. Issued, e] };

    public WarningBook Apply(WarningWithdrawn e) => Withdrawn.Contains(e.WarningId) ? this : this with { Withdrawn = [.. Withdrawn, e.WarningId] };
}
