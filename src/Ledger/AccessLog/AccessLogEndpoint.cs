using Ledger.Access;
using Ledger.Projections.Travellers;
using Marten;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.AccessLog;

public sealed record AccessLogPage(Guid TravellerId, int Page, int PageSize, int Total, IReadOnlyList<AccessLogEntry> Entries);

public static class AccessLogEndpoint
{
    public const int MaxPageSize = 200;

    /// <summary>Who looked at this record, newest first: for the traveller it is about, auditors and admins.</summary>
    [WolverineGet("/travellers/{id}/access-log")]
    public static async Task<AccessLogPage> Get(Guid id, string? page, string? pageSize, IQuerySession session, AccessLogTable log, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayReadAccessLog(id);
        var number = WholeNumber(page, "page", 1, 1, 1_000_000);
        var size = WholeNumber(pageSize, "pageSize", 50, 1, MaxPageSize);
        if (await session.LoadAsync<Traveller>(id, ct) is null) throw LedgerProblem.NotFound($"traveller {id} is not registered");
        var (entries, total) = await log.PageAsync(id, number, size, ct);
        return new AccessLogPage(id, number, size, (int)total, entries);
    }

    private static int WholeNumber(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        return int.TryParse(text, out var n) && n >= min && n <= max
            ? n
            : throw LedgerProblem.BadRequest($"{field} must be a whole number between {min} and {max}");
    }
}
