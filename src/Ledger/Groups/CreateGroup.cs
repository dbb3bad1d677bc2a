using System.ComponentModel.DataAnnotations;
using Ledger.Access;
using Ledger.Projections.Travellers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Groups;

public sealed record CreateGroupRequest(
    [property: Required, MaxLength(Parse.MaxNameLength)] string? Name,
    [property: Required, MaxLength(Parse.MaxListItems)] IReadOnlyList<Guid>? Members);

public sealed record GroupCreated(Guid Id);

/// <summary><c>POST /groups { name, members }</c>: by a caseworker; every member must be a registered traveller (422 names those that are not).</summary>
public static class CreateGroupEndpoint
{
    public static ProblemDetails Validate(CreateGroupRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add("name", "name must not be blank");
        var members = request.Members!;
        if (members.Count == 0) errors.Add("members", "members: at least one traveller id is required");
        if (members.Distinct().Count() != members.Count) errors.Add("members", "members names a traveller more than once");
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayManageGroups();
        return WolverineContinue.NoProblems;
    }

    [WolverinePost("/groups")]
    public static async Task<(IResult, IMartenOp)> Post(CreateGroupRequest request, IQuerySession session, TimeProvider clock, HttpContext http)
    {
        var members = request.Members!;
        var found = (await session.LoadManyAsync<Traveller>(http.RequestAborted, members)).Select(t => t.Id).ToHashSet();
        var unknown = members.Where(m => !found.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new LedgerProblem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request",
                $"members: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a registered traveller" : "are not registered travellers")}");
        var group = new TravellerGroup(Guid.CreateVersion7(), request.Name!.Trim(), members, Caller.Of(http).Subject, clock.GetUtcNow());
        return (Results.Created($"/groups/{group.Id}", new GroupCreated(group.Id)), MartenOps.Insert(group));
    }
}
