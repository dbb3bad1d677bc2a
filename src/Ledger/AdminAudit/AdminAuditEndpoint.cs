using Ledger.Access;
using Wolverine.Http;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.AdminAudit;

public sealed record AdminAuditPage(int Page, int PageSize, int Total, IReadOnlyList<AdminAuditEntry> Entries);

public static class AdminAuditEndpoint
{
    public const int MaxPageSize = 200;

    /// <summary>The admin audit trail, newest first, optionally of one act (<c>?act=</c>): for auditors and admins.</summary>
    [WolverineGet("/admin/audit")]
    public static async Task<AdminAuditPage> Get(string? page, string? pageSize, string? act, AdminAuditTable trail, HttpContext http, CancellationToken ct)
    {
        Caller.Of(http).MayReadAdminAudit();
        var number = WholeNumber(page, "page", 1, 1, 1_000_000);
        var size = WholeNumber(pageSize, "pageSize", 50, 1, MaxPageSize);
        var (entries, total) = await trail.PageAsync(Parse.Optional(act, "act", 100), number, size, ct);
        return new AdminAuditPage(number, size, (int)total, entries);
    }

    private static int WholeNumber(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        return int.TryParse(text, out var n) && n >= min && n <= max
            ? n
            : throw LedgerProblem.BadRequest($"{field} must be a whole number between {min} and {max}");
    }
}
