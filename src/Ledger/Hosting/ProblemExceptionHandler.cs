using System.Text.Json;
using JasperFx;
using Ledger.Projections.StayRules;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Hosting;

/// <summary>
/// Every failure becomes an RFC 7807 problem: known refusals keep their status, concurrency conflicts are 409,
/// unreadable bodies are 400. Anything else is a 500 that we log, and treat as a bug to fix.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(Unwrap(exception));
        if (problem.Status >= 500) log.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    private static ProblemDetails ToProblem(Exception e)
    {
        switch (e)
        {
            case LedgerProblem p:
                var details = new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message };
                foreach (var (key, value) in p.Extensions) details.Extensions[key] = value;
                return details;
            case StayRuleException s:
                return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = s.Message };
            case ConcurrencyException or StreamLockedException or ExistingStreamIdCollisionException:
                return new ProblemDetails
                {
                    Status = 409, Title = "Conflict",
                    Detail = "The traveller's history changed while this request was being processed; read it again and retry.",
                };
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return new ProblemDetails { Status = 413, Title = "Request body too large", Detail = "the request body is larger than this route accepts" };
            case JsonException or BadHttpRequestException:
                return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = $"The request body could not be read: {e.Message}" };
            default:
                return new ProblemDetails { Status = 500, Title = "Internal error", Detail = "An unexpected error occurred; it has been logged." };
        }
    }
}
