using System.Text.Json;
using JasperFx;
using Ledger.Projections.StayRules;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Ledger.Hosting;

namespace Ledger.Problems;

/// <summary>
/// Every failure becomes an RFC 7807 problem: known refusals keep their status, concurrency conflicts are 409,
/// unreadable bodies are 400. Anything else is a 500 that we log, and treat as a bug to fix.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(Unwrap(exception), context);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
            log.LogWarning("Database unavailable on {Route}: {Error}", RouteOf(context), exception.GetType().Name);
        }
        // The route pattern, not the path: paths carry ids; and no exception message, which may quote a value. The
        // chain of exception types (with SQLSTATEs) says what failed underneath Marten's and Wolverine's wrappers.
        else if (problem.Status >= 500) log.LogError("Unhandled {Error} on {Route} at {Site}", Chain(exception), RouteOf(context), exception.TargetSite?.Name);
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // The exception handler middleware clears the request's endpoint before handlers run; its feature keeps the one that failed.
    private static string RouteOf(HttpContext context) =>
        ((context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint()) as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    /// <summary>"MartenCommandException > PostgresException 23505 on ledger.t (t_pkey)": types, SQLSTATEs and schema names, never a message.</summary>
    private static string Chain(Exception exception) => string.Join(" > ", Ledger.Operations.DatabaseFaults.Chain(exception).Take(6)
        .Select(e => e is PostgresException pg ? $"PostgresException {Postgres.Describe(pg)}" : e.GetType().Name));

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>Text PostgreSQL cannot store (NUL, invalid encodings): refused by the request screen already; kept as a last guard.</summary>
    private static bool Unstorable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: "22P05" or "22021" }) return true;
        return false;
    }

    private static ProblemDetails ToProblem(Exception e, HttpContext http)
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
                return new ProblemDetails { Status = 413, Title = "Request body too large", Detail = ProblemShape.BodyLimit(http) };
            case var _ when Ledger.Operations.DatabaseFaults.IsTransient(e):
                return new ProblemDetails { Status = 503, Title = "Service unavailable", Detail = "the ledger's database is unavailable; retry after the time in Retry-After" };
            case var _ when Unstorable(e):
                return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = "text fields must not contain control characters (NUL and the like)" };
            // The parser's own message quotes the body and names .NET types: the client is told where, in its own terms.
            case JsonException json:
                return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = UnreadableJson(json) };
            case BadHttpRequestException:
                return new ProblemDetails { Status = 400, Title = "Invalid request", Detail = "the request body could not be read: it ended early or was not what its headers announced" };
            default:
                return new ProblemDetails { Status = 500, Title = "Internal error", Detail = "An unexpected error occurred; it has been logged." };
        }
    }

    /// <summary>"the request body is not valid JSON (line 1, byte 34): it may be cut short": where, never the parser's text.</summary>
    public static string UnreadableJson(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"the request body is not valid JSON (line {line + 1}, byte {position + 1}): it may be cut short or malformed"
            : "the request body is not valid JSON: it may be cut short or malformed";
}
