using Ledger.AdminAudit;
using Ledger.Access;
using Marten;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.Retention;

/// <summary>
/// <c>POST /retention/sweeps</c> (admins): runs a sweep now, as the daily one does, and says what it did. One method with
/// the caller, the sweeper and the result in hand, so an audit of admin acts can be added around it in one place.
/// </summary>
public static class RunSweepEndpoint
{
    [WolverinePost("/retention/sweeps")]
    public static async Task<SweepResult> Post(RetentionSweeper sweeper, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayOperate();
        var result = await sweeper.SweepAsync(ct);
        // The sweep commits per traveller; the audit row names the run by its instant once it is done.
        AuditTrail.Record(session, caller, AdminActs.RetentionSwept, result.SweptAt.ToString("O"));
        await session.SaveChangesAsync(ct);
        return result;
    }
}

/// <summary>One erasure: when, under which policy, which kind of record, how many. Never what the records held.</summary>
public sealed record ErasureView(DateTimeOffset ErasedAt, string PolicyId, string RecordKind, int Count);

public sealed record ErasuresView(Guid TravellerId, bool FileErased, IReadOnlyList<ErasureView> Erasures);

/// <summary>
/// <c>GET /travellers/{id}/erasures</c> (auditors and admins): what retention erased of a traveller, also once the whole
/// file has gone (the one route of an erased traveller that does not answer 410).
/// </summary>
public static class GetErasuresEndpoint
{
    [WolverineGet("/travellers/{id}/erasures")]
    public static async Task<ErasuresView> Get(Guid id, RetentionTables tables, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayReadErasures();
        var facts = await tables.ErasuresAsync(id, ct);
        if (facts.Count == 0 && await session.Events.FetchStreamStateAsync(id, ct) is null)
            throw LedgerProblem.NotFound($"traveller {id} is not registered");
        var fileErased = facts.Any(f => f.RecordKind == "file");
        return new ErasuresView(id, fileErased, facts.Select(f => new ErasureView(f.ErasedAt, f.PolicyId, f.RecordKind, f.Count)).ToList());
    }
}
