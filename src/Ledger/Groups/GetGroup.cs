using Ledger.Access;
using Ledger.AccessLog;
using Ledger.Projections.StayRules;
using Ledger.Projections.Travellers;
using Ledger.Stays;
using Marten;
using Wolverine.Http;
using Ledger.Writing;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Groups;

/// <summary>One member as the caller may see it: nationalities and the status under every rule met, as <c>/status</c> shows it, on the day asked.</summary>
public sealed record GroupMemberView(Guid TravellerId, IReadOnlyList<string> Nationalities, IReadOnlyList<StayCheck> Regimes);

/// <summary><see cref="HiddenMembers"/>: how many members the caller may not read (shown as a number only).</summary>
public sealed record GroupView(Guid Id, string Name, DateOnly On, IReadOnlyList<GroupMemberView> Members, int HiddenMembers);

public static class GetGroupEndpoint
{
    public const string Route = "/groups/{id}";

    /// <summary>
    /// The members' statuses together, on <paramref name="on"/> (default today, UTC). A caller sees only the members
    /// whose record it may read (a traveller: itself; a group without the caller among them is, for a traveller, not
    /// found). Each member shown is a read of that member's record and goes into their access log before the answer
    /// leaves, as for <c>GET /travellers/{id}/status</c>.
    /// </summary>
    [WolverineGet(Route)]
    public static async Task<GroupView> Get(Guid id, string? on, IQuerySession session, RuleSet rules, AccessLogTable log, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        caller.MayReadGroups();
        var day = Parse.OptionalDate(on, "on") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var group = await session.LoadAsync<TravellerGroup>(id, ct) ?? throw LedgerProblem.NotFound($"group {id} does not exist");
        var readable = group.Members.Where(m => Caller.Allows(() => caller.MayRead(m))).ToList();
        if (readable.Count == 0 && caller.Is(Role.Traveller) && !caller.Is(Role.Caseworker) && !caller.Is(Role.Auditor) && !caller.Is(Role.Admin))
            throw LedgerProblem.NotFound($"group {id} does not exist"); // not the traveller's group: as if there were none

        var travellers = (await session.LoadManyAsync<Traveller>(ct, readable)).ToDictionary(t => t.Id);
        var members = readable.Where(travellers.ContainsKey).Select(m =>
        {
            var traveller = travellers[m];
            return new GroupMemberView(m, traveller.Nationalities, StatusChecks.For(traveller, traveller.Records(rules).History, day, rules));
        }).ToList();

        var correlation = Recording.CorrelationIdOf(http);
        var purpose = http.Request.Headers[RecordAccess.PurposeHeader].ToString();
        foreach (var member in members)
            await log.AppendAsync(new AccessLogEntry(Guid.CreateVersion7(), member.TravellerId, clock.GetUtcNow(), Route, caller.Subject,
                caller.Roles.Select(r => r.ToString().ToLowerInvariant()).Order().ToList(), caller.Countries.Order().ToList(), correlation,
                purpose.Length is > 0 and <= RecordAccess.MaxPurposeLength && !purpose.Any(char.IsControl) ? purpose : null, null), ct);
        return new GroupView(group.Id, group.Name, day, members, group.Members.Count - members.Count);
    }
}
