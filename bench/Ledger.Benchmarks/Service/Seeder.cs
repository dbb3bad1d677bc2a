using System.Diagnostics;
using Ledger.Hosting;
using Ledger.Projections.Crossings;
using Ledger.Projections.Travellers;
using Marten;

namespace Ledger.Benchmarks.Service;

/// <summary>Loads travellers straight through Marten (same configuration and inline projections as the service).</summary>
public static class Seeder
{
    public static DocumentStore Store(string connectionString) => DocumentStore.For(opts => LedgerStore.Configure(opts, connectionString));

    public static async Task<(Guid[] Regular, Guid[] LongHistories, TimeSpan Took)> SeedAsync(BenchOptions o, string connectionString)
    {
        using var store = Store(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var watch = Stopwatch.StartNew();
        var regular = Enumerable.Range(0, o.Travellers).Select(_ => Guid.NewGuid()).ToArray();
        var longHistories = Enumerable.Range(0, o.ReplayTravellers).Select(_ => Guid.NewGuid()).ToArray();

        const int batch = 1000;
        var batches = Enumerable.Range(0, (regular.Length + batch - 1) / batch).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (b, ct) =>
        {
            await using var session = store.LightweightSession();
            for (var t = b * batch; t < Math.Min(regular.Length, (b + 1) * batch); t++)
                session.Events.StartStream<Traveller>(regular[t], Events(regular[t], t, o.EventsPerTraveller - 1));
            await session.SaveChangesAsync(ct);
        });
        await using (var session = store.LightweightSession())
        {
            for (var t = 0; t < longHistories.Length; t++)
                session.Events.StartStream<Traveller>(longHistories[t], Events(longHistories[t], t, o.ReplayEvents - 1));
            await session.SaveChangesAsync();
        }
        Console.WriteLine($"  seeded {regular.Length:N0} travellers x {o.EventsPerTraveller} events and {longHistories.Length} x {o.ReplayEvents} in {watch.Elapsed.TotalSeconds:N1} s");
        return (regular, longHistories, watch.Elapsed);
    }

    private static object[] Events(Guid id, int traveller, int crossings)
    {
        var events = new List<object> { new TravellerRegistered(id, ["US"], DateTimeOffset.UtcNow) };
        foreach (var c in Workload.For(traveller, crossings))
            events.Add(c.Direction == Direction.Entry
                ? new EntryRecorded(id, c.CrossingId, c.Country, c.Date, null, null, null, CrossingSource.BorderSystem)
                : new ExitRecorded(id, c.CrossingId, c.Country, c.Date, null, null, null, CrossingSource.BorderSystem));
        return [.. events];
    }
}
