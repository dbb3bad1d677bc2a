using Ledger.Projections.TravelAuthorisations;
using Ledger.Projections.Travellers;

namespace Ledger.Projections.Plans;

/// <summary>
/// One leg of a planned trip: presence in <see cref="Country"/> from <see cref="From"/> to <see cref="To"/>, both days
/// included, entered <see cref="By"/> air, land or sea (plans recorded before legs had a mode read as air).
/// </summary>
public sealed record PlannedLeg(string Country, DateOnly From, DateOnly To, TravelMode By = TravelMode.Air);

/// <summary>
/// A trip the traveller means to make, stored apart from the crossings (a plan is never presence: no stay, count or
/// warning of the record reads it). <see cref="PlanId"/> is the client's idempotency key.
/// The note is stored only as <see cref="SealedNote"/>, under the traveller's identity key, so erasing the identity
/// erases it too; <see cref="Note"/> holds it in plain text only in plans recorded before notes were sealed, and in the
/// service while it compares or shows one.
/// </summary>
public sealed record PlanRecorded(Guid TravellerId, string PlanId, IReadOnlyList<PlannedLeg> Legs, string? Note, SealedText? SealedNote = null)
{
    /// <summary>Same plan, same content: the legs compared by value (a record compares lists by reference).</summary>
    public bool SameContentAs(PlanRecorded other) =>
        PlanId == other.PlanId && Note == other.Note && Legs.SequenceEqual(other.Legs);

    /// <summary>What differs from <paramref name="other"/>, by field, for a 409's message.</summary>
    public IEnumerable<string> DifferencesFrom(PlanRecorded other)
    {
        if (!Legs.SequenceEqual(other.Legs)) yield return "legs";
        if (Note != other.Note) yield return "note";
    }
}

/// <summary>The traveller no longer means to make the trip: it is no longer re-checked and raises no warning.</summary>
public sealed record PlanCancelled(Guid TravellerId, string PlanId, DateOnly CancelledOn);
