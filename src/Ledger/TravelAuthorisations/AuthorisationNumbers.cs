using Ledger.Projections.Travellers;
using Ledger.Travellers;

namespace Ledger.TravelAuthorisations;

/// <summary>
/// An authorisation's passport number is identity data: sealed under the traveller's identity key
/// (<see cref="IdentityVault"/>), so erasing the identity erases it in the event and the snapshot too.
/// </summary>
public static class AuthorisationNumbers
{
    private static string Purpose(string authorisationId) => $"authorisation-document:{authorisationId}";

    public static Task<SealedText> SealAsync(IdentityVault vault, Guid traveller, string authorisationId, string number, CancellationToken ct) =>
        vault.SealTextAsync(traveller, Purpose(authorisationId), number, ct);

    /// <summary>The number, or null once the identity was erased (or none was recorded).</summary>
    public static Task<string?> OpenAsync(IdentityVault vault, Guid traveller, string authorisationId, SealedText? number, CancellationToken ct) =>
        vault.OpenTextAsync(traveller, Purpose(authorisationId), number, ct);
}
