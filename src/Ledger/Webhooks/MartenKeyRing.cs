using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Ledger.Webhooks;

/// <summary>One element of the Data Protection key ring (a key or a revocation), as Data Protection wrote it.</summary>
public sealed record DataProtectionKeyXml(Guid Id, string FriendlyName, string Xml);

/// <summary>
/// The Data Protection key ring in PostgreSQL (a Marten document), so every instance of the service, and every restart,
/// shares one ring: a secret protected by one instance is readable by all. The default (files under the user profile)
/// would give each machine its own keys.
/// </summary>
public sealed class MartenKeyRing(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Blocking(async () =>
    {
        await using var session = store.QuerySession();
        var elements = await session.Query<DataProtectionKeyXml>().ToListAsync();
        return (IReadOnlyCollection<XElement>)elements.Select(e => XElement.Parse(e.Xml)).ToList();
    });

    public void StoreElement(XElement element, string friendlyName) => Blocking(async () =>
    {
        await using var session = store.LightweightSession();
        // Elements are never updated in place, so each gets its own id (friendly names are only a hint).
        session.Insert(new DataProtectionKeyXml(Guid.CreateVersion7(), friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        await session.SaveChangesAsync();
        return true;
    });

    // IXmlRepository is synchronous and Marten 9 only offers asynchronous queries. Data Protection calls it rarely (it
    // caches the ring: a load at first use and on refresh, a write when a key is created, every 90 days by default),
    // so blocking a thread there costs little; Task.Run keeps a caller's synchronization context out of the wait.
    private static T Blocking<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
