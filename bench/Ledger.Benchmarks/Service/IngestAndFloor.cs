namespace Ledger.Benchmarks.Service;

/// <summary>
/// Single-crossing ingest and the framework's floor, measured in alternating rounds on the same machine: both services
/// are started and warmed up, their travellers registered, then each round sends one slice of the travellers' writes
/// to the ledger and the same number to the floor host. Run one after the other, the two figures moved 10-30 %
/// between runs (the floor alone from 541 to 745 writes/s), so their ratio said more about when each ran than about
/// the code; alternating rounds in ABBA order put the machine's drift on both sides.
/// </summary>
public static class IngestAndFloor
{
    public const int Rounds = 4;

    public static async Task<(IngestResult Ingest, IngestResult Floor)> RunAsync(BenchOptions o, string ingestDb, string floorDb)
    {
        await using var ingest = await IngestBenchmark.PrepareAsync(o, ingestDb);
        await using var floor = await FloorBenchmark.PrepareAsync(o, floorDb);
        var ingestRounds = new List<Latencies>();
        var floorRounds = new List<Latencies>();
        for (var round = 0; round < Rounds; round++)
        {
            // ABBA order (ingest first in rounds 1 and 4, the floor first in 2 and 3): rates rose from round to round in
            // every run (warming caches and tiered JIT), which a fixed order credited to whichever ran second.
            if (round is 1 or 2) floorRounds.Add(await floor.RoundAsync(round, Rounds));
            ingestRounds.Add(await ingest.RoundAsync(round, Rounds));
            if (round is not (1 or 2)) floorRounds.Add(await floor.RoundAsync(round, Rounds));
            Console.WriteLine($"  round {round + 1}: ingest {ingestRounds[^1].PerSecond:N0}/s, floor {floorRounds[^1].PerSecond:N0}/s");
        }
        return (ingest.Result(Latencies.Combine(ingestRounds)), floor.Result(Latencies.Combine(floorRounds)));
    }
}
