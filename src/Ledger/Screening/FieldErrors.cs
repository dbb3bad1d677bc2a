using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Ledger.Problems;

namespace Ledger.Screening;

/// <summary>
/// Every problem of a request, by field (the <c>errors</c> member of ASP.NET Core's validation problem details), so a
/// client fixes them all in one round trip. <see cref="ToProblem"/> is what a Wolverine <c>Validate</c> step returns.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Runs one of <see cref="Parse"/>'s domain checks; a refusal is recorded against the field and yields default.</summary>
    public T? Check<T>(string field, Func<T> parse)
    {
        try { return parse(); }
        catch (LedgerProblem p) when (p.Status == StatusCodes.Status400BadRequest)
        {
            Add(field, p.Message);
            return default;
        }
    }

    /// <summary>A 400 naming every problem (<c>detail</c> lists them too, for clients that show one line), or "carry on".</summary>
    public ProblemDetails ToProblem() => Any ? ToValidationProblem() : WolverineContinue.NoProblems;

    public HttpValidationProblemDetails ToValidationProblem() =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = string.Join("; ", errors.Values.SelectMany(v => v)),
        };
}
