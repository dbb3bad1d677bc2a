using Ledger.Writing;
namespace Ledger.Demo;

/// <summary>
/// A person of the demo. <see cref="Key"/> is the <c>Idempotency-Key</c> the registration is sent with: the ledger makes
/// the id from it (and the token's subject), so every run finds the same traveller again. <see cref="Pages"/> are the pages
/// worth opening, as paths under <c>/app/travellers/{id}</c> ("" is the traveller page itself).
/// </summary>
public sealed record DemoPerson(
    string Key, string Case, string GivenNames, string FamilyName, DateOnly DateOfBirth, IReadOnlyList<string> Nationalities,
    string PassportNumber, IReadOnlyList<string> Pages)
{
    public string Name => $"{GivenNames} {FamilyName}";
}

/// <summary>
/// One write of the demo: a POST to <c>/travellers/{id}/</c><see cref="Path"/> for person <see cref="Person"/>. The body
/// is made when the write is sent, from the ids registration gave (an incident names the other people involved).
/// Every body carries a client id (crossingId, visaId, applicationId, incidentId) or repeats an outcome exactly, so
/// sending it again records nothing.
/// </summary>
public sealed record DemoWrite(string Person, string Path, Func<Func<string, Guid>, object> Body);

/// <summary>What a demo run did: the traveller id of each person, and how many writes were new or already there.</summary>
public sealed record DemoRun(IReadOnlyDictionary<string, Guid> Travellers, int Recorded, int AlreadyPresent);
